package org.streetsense.gateway.hardware;

/** Handle for a registered listener; closing it removes the listener. Idempotent. */
@FunctionalInterface
public interface ListenerRegistration extends AutoCloseable {
  @Override
  void close();
}
