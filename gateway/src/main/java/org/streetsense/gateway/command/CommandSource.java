package org.streetsense.gateway.command;

/** Where a command came from. The same safety policy applies to every source. */
public enum CommandSource {
  MQTT,
  OSC,
  HTTP,
  REFLEX
}
