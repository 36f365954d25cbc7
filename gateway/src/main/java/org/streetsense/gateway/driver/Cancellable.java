package org.streetsense.gateway.driver;

/** Handle of a scheduled task. Cancelling is idempotent and never throws. */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
