package org.streetsense.gateway.actuator;

/**
 * An actuator that also shows a colour (a DMX fixture with red, green, blue, white or amber
 * channels): the {@code color} command sets it, at once or faded, leaving the level as it is.
 * Same threading as {@link Actuator}.
 */
public interface ColourActuator extends Actuator {

  /** How many colour channels a colour has (3 for RGB, 4 for RGBW, ...). */
  int colourChannels();

  /** The colour shown now, 0..255 per channel, in address order. */
  double[] colour();

  /** Shows {@code colour} (0..255 per channel, {@link #colourChannels()} values). */
  void applyColour(double[] colour);
}
