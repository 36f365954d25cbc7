package org.streetsense.gateway.hardware;

/** Internal bias of a digital input pin. */
public enum PullResistance {
  OFF,
  PULL_UP,
  PULL_DOWN
}
