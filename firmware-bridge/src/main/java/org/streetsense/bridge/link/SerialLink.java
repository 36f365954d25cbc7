package org.streetsense.bridge.link;

import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A duplex byte stream to a board, plus a disconnect event. Implementations: jSerialComm on a
 * real port (or a socat pseudo-terminal), and in-memory pipes for unit tests.
 *
 * <p>Handlers run on the link's own reader thread, in arrival order; they must not block. Writes
 * are queued and never block the caller; the returned stage completes when the bytes were handed
 * to the operating system, or exceptionally if the link is closed or broken.
 */
public interface SerialLink extends AutoCloseable {

  /** The port path as configured, for example {@code /dev/serial/by-id/usb-Arduino...}. */
  String portName();

  /** Opens the port. Blocking; fails if the port is absent or busy. */
  void open() throws IOException;

  boolean isOpen();

  /** Sets the handler that receives each chunk of bytes read. Replaces any earlier handler. */
  void onData(Consumer<byte[]> handler);

  /** Sets the handler told once when the port goes away (unplugged) or fails. */
  void onDisconnect(Consumer<Throwable> handler);

  /** Queues bytes for writing. */
  CompletionStage<Void> write(byte[] data);

  /** Closes the port. Idempotent; never throws. */
  @Override
  void close();
}
