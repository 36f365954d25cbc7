package org.streetsense.bridge.link;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SerialLink} on a real port (or a socat pseudo-terminal) through jSerialComm, opened by
 * path, 8N1 at the configured baud rate.
 *
 * <p>Threads: a reader thread does blocking reads with a 100 ms timeout (jSerialComm's event mode
 * is not used) and calls the data handler; a writer thread drains a queue, so {@link #write}
 * never blocks. A failed read or write, or the port's path vanishing (unplugged USB device, killed
 * socat), closes the port and calls the disconnect handler exactly once, on the thread that saw
 * the failure. A closed link is not reopened; create a new one (see {@link ReconnectingLink}).
 *
 * <p>Opening asserts DTR, which resets Uno-class boards: expect the board's hello a second or two
 * later.
 *
 * <p>At JVM shutdown jSerialComm closes every port it opened, in a shutdown hook of its own that
 * runs beside the application's. So that an owner shutting down in its own hook can still write
 * to its port (a gateway drives its board outputs to their safe levels before it closes the
 * link), the library's closing waits until every link of this class is closed, at most
 * {@link #SHUTDOWN_WAIT}.
 */
public final class JSerialCommLink implements SerialLink {

  private static final Logger LOG = LoggerFactory.getLogger(JSerialCommLink.class);
  private static final int READ_TIMEOUT_MS = 100;
  private static final byte[] STOP = new byte[0];
  /** Longest wait at JVM shutdown for open links to be closed by their owners. */
  public static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(20);
  /** Links open now; guarded by itself. */
  private static final java.util.Set<JSerialCommLink> OPEN = new java.util.HashSet<>();
  private static boolean shutdownHookAdded;

  private final SerialLinkOptions options;
  private final LinkedBlockingQueue<PendingWrite> writes = new LinkedBlockingQueue<>();
  private final AtomicBoolean disconnected = new AtomicBoolean();
  private volatile Consumer<byte[]> dataHandler = bytes -> { };
  private volatile Consumer<Throwable> disconnectHandler = cause -> { };
  private volatile SerialPort port;
  private volatile boolean running;

  public JSerialCommLink(SerialLinkOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String portName() {
    return options.path();
  }

  @Override
  public synchronized void open() throws IOException {
    if (running) {
      return;
    }
    if (disconnected.get()) {
      throw new IOException(portName() + " was disconnected; create a new link to reopen it");
    }
    if (!Files.exists(Path.of(options.path()))) {
      throw new IOException("serial port " + options.path() + " does not exist");
    }
    SerialPort p = SerialPort.getCommPort(options.path());
    p.setComPortParameters(options.baudRate(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
    if (!p.openPort()) {
      throw new IOException("cannot open serial port " + options.path() + " (error "
          + p.getLastErrorCode() + " at " + p.getLastErrorLocation() + ")");
    }
    port = p;
    running = true;
    opened(this);
    startThread("serial-reader-" + shortName(), this::readLoop);
    startThread("serial-writer-" + shortName(), this::writeLoop);
    LOG.info("opened serial port {} at {} baud", options.path(), options.baudRate());
  }

  @Override
  public boolean isOpen() {
    return running;
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
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new IOException(portName() + " is not open"));
      return done;
    }
    writes.add(new PendingWrite(data.clone(), done));
    return done;
  }

  @Override
  public void close() {
    SerialPort p;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      p = port;
    }
    writes.add(new PendingWrite(STOP, new CompletableFuture<>()));
    p.closePort();
    closed(this);
    failPendingWrites(new IOException(portName() + " was closed"));
    LOG.info("closed serial port {}", options.path());
  }

  private static void opened(JSerialCommLink link) {
    synchronized (OPEN) {
      OPEN.add(link);
      if (!shutdownHookAdded) {
        shutdownHookAdded = true;
        SerialPort.addShutdownHook(new Thread(JSerialCommLink::awaitOwnersClosing,
            "serial-shutdown-wait"));
      }
    }
  }

  private static void closed(JSerialCommLink link) {
    synchronized (OPEN) {
      OPEN.remove(link);
      OPEN.notifyAll();
    }
  }

  /** jSerialComm's shutdown runs this before it closes the ports: waits for their owners. */
  private static void awaitOwnersClosing() {
    long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
    synchronized (OPEN) {
      while (!OPEN.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn("shutting down with {} serial port(s) still open: {}", OPEN.size(),
              OPEN.stream().map(JSerialCommLink::portName).sorted().toList());
          return;
        }
        try {
          OPEN.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void readLoop() {
    byte[] buffer = new byte[512];
    SerialPort p = port;
    while (running) {
      int n = p.readBytes(buffer, buffer.length);
      if (!running) {
        return;
      }
      if (n < 0) {
        fail(new IOException("read from " + portName() + " failed (error "
            + p.getLastErrorCode() + ")"));
        return;
      }
      if (n == 0) {
        if (!Files.exists(Path.of(options.path()))) {
          fail(new IOException(portName() + " is gone"));
          return;
        }
        continue;
      }
      try {
        dataHandler.accept(Arrays.copyOf(buffer, n));
      } catch (RuntimeException e) {
        LOG.warn("data handler of {} failed", portName(), e);
      }
    }
  }

  private void writeLoop() {
    SerialPort p = port;
    while (running) {
      PendingWrite w;
      try {
        w = writes.poll(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (w == null) {
        continue;
      }
      if (w.data == STOP || !running) {
        w.done.completeExceptionally(new IOException(portName() + " was closed"));
        continue;
      }
      int offset = 0;
      while (offset < w.data.length) {
        int n = p.writeBytes(w.data, w.data.length - offset, offset);
        if (n <= 0) {
          IOException error = new IOException("write to " + portName() + " failed (error "
              + p.getLastErrorCode() + ")");
          w.done.completeExceptionally(error);
          fail(error);
          return;
        }
        offset += n;
      }
      w.done.complete(null);
    }
  }

  private void fail(IOException cause) {
    if (!disconnected.compareAndSet(false, true)) {
      return;
    }
    LOG.warn("serial port {} disconnected: {}", portName(), cause.getMessage());
    close();
    try {
      disconnectHandler.accept(cause);
    } catch (RuntimeException e) {
      LOG.warn("disconnect handler of {} failed", portName(), e);
    }
  }

  private void failPendingWrites(IOException cause) {
    PendingWrite w;
    while ((w = writes.poll()) != null) {
      w.done.completeExceptionally(cause);
    }
  }

  private String shortName() {
    return Path.of(options.path()).getFileName().toString();
  }

  private static void startThread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private record PendingWrite(byte[] data, CompletableFuture<Void> done) {}
}
