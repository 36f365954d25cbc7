package org.streetsense.gateway.driver.spec;

/** How a driver's channels are named in the installation file. */
public enum ChannelStyle {
  /** The driver measures fixed quantities; channel names must be among its fixed channels. */
  FIXED,
  /** The chip has numbered inputs or outputs; each channel names one with {@code index}. */
  INDEXED,
  /** The device has exactly one channel, named freely (default {@code value}). */
  SINGLE,
  /** The device has no channels (plain outputs). */
  NONE
}
