package org.streetsense.gateway.board;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.gateway.hardware.HardwareBackend;

/**
 * A serial link that asks the hardware backend for its port only when opened, so that a
 * {@link org.streetsense.bridge.link.ReconnectingLink} can make one per attempt without failing
 * while the port is absent: on a Pi the backend opens jSerialComm, on the simulated rig an
 * attached link. One instance per attempt; handlers must be set before {@link #open()}.
 */
final class BackendSerialLink implements SerialLink {

  private final HardwareBackend backend;
  private final SerialLinkOptions options;
  private volatile Consumer<byte[]> dataHandler = b -> { };
  private volatile Consumer<Throwable> disconnectHandler = e -> { };
  private volatile SerialLink delegate;

  BackendSerialLink(HardwareBackend backend, SerialLinkOptions options) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String portName() {
    return options.path();
  }

  @Override
  public synchronized void open() throws IOException {
    if (delegate != null) {
      return;
    }
    SerialLink link = backend.serial(options);
    link.onData(bytes -> dataHandler.accept(bytes));
    link.onDisconnect(cause -> disconnectHandler.accept(cause));
    try {
      link.open();
    } catch (IOException | RuntimeException e) {
      link.close();
      throw e;
    }
    delegate = link;
  }

  @Override
  public boolean isOpen() {
    SerialLink link = delegate;
    return link != null && link.isOpen();
  }

  @Override
  public void onData(Consumer<byte[]> handler) {
    dataHandler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public void onDisconnect(Consumer<Throwable> handler) {
    disconnectHandler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public CompletionStage<Void> write(byte[] data) {
    SerialLink link = delegate;
    if (link == null) {
      return CompletableFuture.failedFuture(new IOException(options.path() + " is not open"));
    }
    return link.write(data);
  }

  @Override
  public void close() {
    SerialLink link = delegate;
    if (link != null) {
      link.close();
    }
  }
}
