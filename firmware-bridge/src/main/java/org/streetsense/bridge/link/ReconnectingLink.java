package org.streetsense.bridge.link;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SerialLink} that survives unplugging: when the underlying link disconnects, it opens a
 * fresh one for the same port (from the factory) with exponential backoff, until closed.
 *
 * <p>Contract differences from a plain link: {@link #open()} never fails because the port is
 * absent; it connects now if it can and otherwise keeps trying in the background. The disconnect
 * handler set by {@link #onDisconnect} is never called, since losses are not final; use {@link
 * #addConnectionListener} to hear about each loss and recovery. Writes while no port is connected
 * fail at once with an {@link IOException}. The data handler carries over to every new port.
 *
 * <p>Threads: data arrives on the current underlying link's reader thread; connection listeners
 * run on that link's thread (disconnected) or on this link's retry thread (connected).
 */
public final class ReconnectingLink implements SerialLink {

  private static final Logger LOG = LoggerFactory.getLogger(ReconnectingLink.class);

  private final String portName;
  private final Supplier<SerialLink> factory;
  private final ReconnectOptions options;
  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService retries;
  private volatile Consumer<byte[]> dataHandler = bytes -> { };
  private volatile SerialLink current;
  private volatile boolean started;
  private volatile boolean closed;
  private Duration nextBackoff;

  /**
   * @param portName the port path, for logs and {@link #portName()}
   * @param factory makes a new, unopened link to the same port for each attempt
   */
  public ReconnectingLink(String portName, Supplier<SerialLink> factory, ReconnectOptions options) {
    this.portName = Objects.requireNonNull(portName, "portName");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.options = Objects.requireNonNull(options, "options");
    this.nextBackoff = options.minBackoff();
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "serial-reconnect");
      t.setDaemon(true);
      return t;
    });
  }

  /** A reconnecting jSerialComm link for {@code linkOptions.path()}. */
  public static ReconnectingLink jSerialComm(SerialLinkOptions linkOptions,
      ReconnectOptions options) {
    return new ReconnectingLink(linkOptions.path(), () -> new JSerialCommLink(linkOptions),
        options);
  }

  public void addConnectionListener(ConnectionListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public String portName() {
    return portName;
  }

  /** Connects now if possible, else keeps retrying in the background. Never throws. */
  @Override
  public void open() {
    synchronized (this) {
      if (started || closed) {
        return;
      }
      started = true;
    }
    retries.execute(this::attempt);
  }

  /** Like {@link #open()}, but waits up to {@code timeout} for the first connection. */
  public boolean openAndAwait(Duration timeout) {
    CompletableFuture<Void> first = new CompletableFuture<>();
    ConnectionListener once = new ConnectionListener() {
      @Override
      public void connected(String name) {
        first.complete(null);
      }
    };
    addConnectionListener(once);
    try {
      open();
      if (isOpen()) {
        return true;
      }
      first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      listeners.remove(once);
    }
  }

  @Override
  public boolean isOpen() {
    SerialLink link = current;
    return link != null && link.isOpen();
  }

  @Override
  public void onData(Consumer<byte[]> handler) {
    dataHandler = Objects.requireNonNull(handler, "handler");
  }

  /** Accepted for the interface; never called (see class comment). */
  @Override
  public void onDisconnect(Consumer<Throwable> handler) {
    Objects.requireNonNull(handler, "handler");
  }

  @Override
  public CompletionStage<Void> write(byte[] data) {
    SerialLink link = current;
    if (link == null || !link.isOpen()) {
      return CompletableFuture.failedFuture(new IOException(portName + " is not connected"));
    }
    return link.write(data);
  }

  @Override
  public void close() {
    SerialLink link;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      link = current;
      current = null;
    }
    retries.shutdownNow();
    if (link != null) {
      link.close();
    }
  }

  private void attempt() {
    if (closed) {
      return;
    }
    SerialLink link = factory.get();
    link.onData(bytes -> dataHandler.accept(bytes));
    link.onDisconnect(cause -> lost(link, cause));
    try {
      link.open();
    } catch (IOException | RuntimeException e) {
      link.close();
      Duration wait = nextBackoff;
      nextBackoff = nextBackoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0
          ? options.maxBackoff() : nextBackoff.multipliedBy(2);
      LOG.debug("cannot open {} ({}); retrying in {}", portName, e.getMessage(), wait);
      schedule(wait);
      return;
    }
    synchronized (this) {
      if (closed) {
        link.close();
        return;
      }
      current = link;
    }
    nextBackoff = options.minBackoff();
    LOG.info("serial port {} connected", portName);
    for (ConnectionListener l : listeners) {
      l.connected(portName);
    }
  }

  private void lost(SerialLink link, Throwable cause) {
    synchronized (this) {
      if (current != link || closed) {
        return;
      }
      current = null;
    }
    LOG.warn("serial port {} lost ({}); reconnecting", portName, cause.getMessage());
    for (ConnectionListener l : listeners) {
      l.disconnected(portName, cause);
    }
    schedule(options.minBackoff());
  }

  private void schedule(Duration wait) {
    try {
      retries.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
  }
}
