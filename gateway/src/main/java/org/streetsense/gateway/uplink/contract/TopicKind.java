package org.streetsense.gateway.uplink.contract;

import java.util.Locale;

/** The last level of a device topic: what kind of message travels on it. */
public enum TopicKind {
  /** Sampled readings, gateway to backend. */
  READING,
  /** Interaction events, gateway to backend. */
  EVENT,
  /** Reports of lost observations, gateway to backend. */
  GAP,
  /** Retained device state, gateway to backend. */
  STATE,
  /** Commands, backend to gateway. */
  COMMAND,
  /** Results of commands, gateway to backend. */
  RESULT;

  /** Lower-case name used as the topic level. */
  public String level() {
    return name().toLowerCase(Locale.ROOT);
  }
}
