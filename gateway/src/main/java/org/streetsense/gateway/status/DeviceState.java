package org.streetsense.gateway.status;

import java.util.Locale;

/** Health of one device as the gateway sees it. */
public enum DeviceState {
  /** Present and read without error recently. */
  OK,
  /** Present but failing (I/O errors, out-of-range values, stuck readings). */
  FAULT,
  /** Configured but not found (unplugged, vandalised, not yet probed). */
  ABSENT;

  /** Lower-case wire name used in JSON. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
