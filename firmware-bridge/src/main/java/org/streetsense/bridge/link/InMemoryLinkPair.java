package org.streetsense.bridge.link;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Two connected {@link SerialLink} ends in memory, like a cable between host and board, for unit
 * tests and simulated rigs. Bytes written to one open end reach the other end's data handler if
 * that end is open, and are lost otherwise (as on a wire to an unpowered board).
 *
 * <p>Each end delivers to its handlers on its own single "reader" thread, in order. {@link
 * #unplug(Throwable)} breaks the cable: both open ends fire their disconnect handler once and
 * further opens fail until {@link #plug()}. {@link #close()} stops both delivery threads.
 */
public final class InMemoryLinkPair implements AutoCloseable {

  private final End host;
  private final End board;
  private volatile boolean plugged = true;

  public InMemoryLinkPair(String name) {
    Objects.requireNonNull(name, "name");
    host = new End(name + "-host");
    board = new End(name + "-board");
    host.peer = board;
    board.peer = host;
  }

  /** The end the host side (a session or client) uses. */
  public SerialLink host() {
    return host;
  }

  /** The end the board (or a simulated board) uses. */
  public SerialLink board() {
    return board;
  }

  /** Breaks the connection: both open ends close and fire their disconnect handlers. */
  public void unplug(Throwable cause) {
    plugged = false;
    host.breakLink(cause);
    board.breakLink(cause);
  }

  /** Restores the connection: ends can be opened again. */
  public void plug() {
    plugged = true;
  }

  public boolean isPlugged() {
    return plugged;
  }

  @Override
  public void close() {
    host.close();
    board.close();
    host.executor.shutdown();
    board.executor.shutdown();
  }

  private final class End implements SerialLink {
    private final String name;
    private final ExecutorService executor;
    private End peer;
    private volatile boolean open;
    private volatile Consumer<byte[]> dataHandler = bytes -> { };
    private volatile Consumer<Throwable> disconnectHandler = cause -> { };
    private final AtomicBoolean disconnectFired = new AtomicBoolean();

    End(String name) {
      this.name = name;
      this.executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "link-" + name);
        t.setDaemon(true);
        return t;
      });
    }

    @Override
    public String portName() {
      return "mem:" + name;
    }

    @Override
    public synchronized void open() throws IOException {
      if (!plugged) {
        throw new IOException(portName() + " is unplugged");
      }
      disconnectFired.set(false);
      open = true;
    }

    @Override
    public boolean isOpen() {
      return open;
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
      if (!open) {
        return CompletableFuture.failedFuture(new IOException(portName() + " is not open"));
      }
      byte[] copy = data.clone();
      End target = peer;
      try {
        target.executor.execute(() -> {
          if (target.open) {
            target.dataHandler.accept(copy);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return CompletableFuture.failedFuture(new IOException(portName() + " is closed", e));
      }
      return CompletableFuture.completedFuture(null);
    }

    void breakLink(Throwable cause) {
      synchronized (this) {
        if (!open) {
          return;
        }
        open = false;
      }
      if (disconnectFired.compareAndSet(false, true)) {
        try {
          executor.execute(() -> disconnectHandler.accept(cause));
        } catch (java.util.concurrent.RejectedExecutionException e) {
          // pair closed: nobody left to tell
        }
      }
    }

    @Override
    public synchronized void close() {
      open = false;
    }
  }
}
