package org.streetsense.gateway.actuator;

/** Where a command came from. The same safety policy applies to every source. */
public enum CommandSource {
  MQTT,
  OSC,
  HTTP,
  REFLEX;

  /**
   * Whether ids and expiry times come from a remote sender (MQTT, HTTP): such a sender may not
   * use the gateway's own id spaces, and its {@code expires} is on its own clock. OSC commands are
   * numbered and given their expiry by the gateway itself.
   */
  public boolean remote() {
    return this == MQTT || this == HTTP;
  }
}
