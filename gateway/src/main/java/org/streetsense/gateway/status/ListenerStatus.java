package org.streetsense.gateway.status;

import java.util.Objects;

/**
 * Liveness of one network listener of the gateway (a socket with a receive loop of its own), for
 * {@code /health}.
 *
 * @param name the listener's name in health reasons and metrics, for example {@code osc-in}
 * @param up whether its receive loop is running now
 * @param restarts how often the loop was restarted after it ended
 * @param detail why it is down (the last failure), or empty while up
 */
public record ListenerStatus(String name, boolean up, long restarts, String detail) {

  public ListenerStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
  }
}
