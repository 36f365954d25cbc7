package org.streetsense.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Counting of passers-by from a channel's presence or motion events, published once per window.
 *
 * @param window counting window, at least 1s
 */
public record PassersBy(Duration window) {

  public PassersBy {
    Objects.requireNonNull(window, "window");
  }
}
