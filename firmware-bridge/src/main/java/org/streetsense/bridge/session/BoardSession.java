package org.streetsense.bridge.session;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.bridge.link.ReconnectOptions;
import org.streetsense.bridge.link.ReconnectingLink;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.DecoderStats;
import org.streetsense.bridge.protocol.FrameDecoder;
import org.streetsense.bridge.protocol.MessageCodec;

/**
 * Drives one board speaking the Streetsense board protocol over a {@link SerialLink}.
 *
 * <p>{@link #start()} opens the link if needed and waits for the board's HELLO (sending
 * HELLO_REQUESTs meanwhile), then asks for its CAPABILITIES. Afterwards readings and events go to
 * the {@link BoardListener}s, commands are sent with {@link #send}, and the session watches
 * heartbeats: with nothing heard for {@code missedHeartbeats} intervals the board is
 * {@link BoardState#LOST} until it speaks again. The board reset if it sends a boot HELLO (the
 * first packet after a reset has seq 0), if its heartbeat uptime goes back, or if it answers with
 * a HELLO after being LOST (its boot HELLO may have been lost): then the session asks for
 * capabilities again and tells listeners {@code onReady} once more, so they can configure the
 * board again. Other HELLOs answer HELLO_REQUESTs and change nothing.
 * Listeners get {@code onReady} before the {@link #start()} future completes.
 *
 * <p>Threads: packets are handled on the link's reader thread, and listeners for readings, events
 * and readiness run there; timeouts, retries and heartbeat checks run on one timer thread owned by
 * the session. {@link #send} and all getters may be called from any thread and never block.
 *
 * <p>Over a plain link, a disconnect is final ({@link BoardState#DISCONNECTED}) and fails pending
 * requests. Over a {@link org.streetsense.bridge.link.ReconnectingLink} the session rides through
 * unplugging: the board is LOST meanwhile and READY again after the link reconnects.
 * {@link #close()} closes the link too.
 */
public final class BoardSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BoardSession.class);
  private static final byte[] DELIMITER = {0};

  private final SerialLink link;
  private final BoardSessionOptions options;
  private final FrameDecoder decoder;
  private final ScheduledExecutorService timer;
  private final List<BoardListener> listeners = new CopyOnWriteArrayList<>();
  private final CommandTracker commands;
  private final AtomicInteger nextSeq = new AtomicInteger();
  private final CompletableFuture<BoardInfo> started = new CompletableFuture<>();

  private BoardState state = BoardState.CONNECTING;
  private BoardMessage.Hello hello;
  private BoardInfo info;
  private volatile long lastHeardNanos = System.nanoTime();
  private ScheduledFuture<?> helloRequests;
  private ScheduledFuture<?> capabilitiesTimeout;
  private int capabilitiesAttempts;
  private long lastUptime = -1;

  public BoardSession(SerialLink link, BoardSessionOptions options) {
    this.link = Objects.requireNonNull(link, "link");
    this.options = Objects.requireNonNull(options, "options");
    this.decoder = new FrameDecoder((packet, message) -> handle(packet.seq(), message));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "board-session-" + link.portName());
      t.setDaemon(true);
      return t;
    });
    this.commands = new CommandTracker(link, timer, options);
  }

  /**
   * A session on a serial port that reconnects by itself after unplugging (jSerialComm with
   * {@link ReconnectingLink}). Call {@link #start()} next.
   */
  public static BoardSession onSerialPort(SerialLinkOptions port, ReconnectOptions reconnect,
      BoardSessionOptions options) {
    return new BoardSession(ReconnectingLink.jSerialComm(port, reconnect), options);
  }

  public void addListener(BoardListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(BoardListener listener) {
    listeners.remove(listener);
  }

  /**
   * Opens the link (if not open) and identifies the board.
   *
   * @return completes with the board's info once HELLO and CAPABILITIES arrived; fails with
   *     {@link IOException} if the link cannot be opened, or {@link BoardTimeoutException} if no
   *     HELLO came within {@code helloTimeout} or no CAPABILITIES after the retries. A failed
   *     start does not stop the session: it keeps sending HELLO_REQUESTs, and listeners get
   *     {@code onReady} if the board turns up later (e.g. plugged in after the gateway booted);
   *     {@link #close()} it to give up.
   */
  public CompletableFuture<BoardInfo> start() {
    link.onData(decoder::feed);
    link.onDisconnect(this::disconnected);
    try {
      if (!link.isOpen()) {
        link.open();
      }
    } catch (IOException | RuntimeException e) {
      started.completeExceptionally(e);
      return started;
    }
    link.write(DELIMITER);
    synchronized (this) {
      lastHeardNanos = System.nanoTime();
      helloRequests = timer.scheduleAtFixedRate(() -> write(new BoardMessage.HelloRequest()),
          0, options.helloRetryInterval().toMillis(), TimeUnit.MILLISECONDS);
    }
    timer.schedule(this::helloTimedOut, options.helloTimeout().toMillis(), TimeUnit.MILLISECONDS);
    long beat = options.heartbeatInterval().toMillis();
    timer.scheduleAtFixedRate(this::checkHeartbeat, beat, beat, TimeUnit.MILLISECONDS);
    return started;
  }

  /**
   * Sends a command.
   *
   * @return completes when the board ACKs; fails with {@link CommandRejectedException} on NACK,
   *     {@link BoardTimeoutException} when no answer came after the retries, or
   *     {@link IOException} if the session is closed or its link disconnected for good
   */
  public CompletableFuture<Void> send(BoardCommand command) {
    Objects.requireNonNull(command, "command");
    BoardState s = state();
    if (s == BoardState.CLOSED || s == BoardState.DISCONNECTED) {
      return CompletableFuture.failedFuture(new IOException("board session on "
          + link.portName() + " is " + s));
    }
    return commands.send(command, seq());
  }

  public synchronized BoardState state() {
    return state;
  }

  /** The board's info once known (from the latest HELLO and CAPABILITIES). */
  public synchronized java.util.Optional<BoardInfo> info() {
    return java.util.Optional.ofNullable(info);
  }

  /** Framing counters: resyncs, CRC errors, oversized frames, unknown types. */
  public DecoderStats decoderStats() {
    return decoder.stats();
  }

  public SerialLink link() {
    return link;
  }

  /** Stops timers, fails pending requests, closes the link. Idempotent. */
  @Override
  public void close() {
    setState(BoardState.CLOSED);
    timer.shutdownNow();
    failAll(new IOException("board session on " + link.portName() + " closed"));
    link.close();
  }

  private void handle(int seq, BoardMessage message) {
    lastHeardNanos = System.nanoTime();
    if (message instanceof BoardMessage.Hello h
        && (seq == 0 || hello == null || state() == BoardState.LOST)) {
      // boot HELLO, first HELLO, or HELLO after silence (the boot HELLO may have been lost)
      onHello(h);
      return;
    }
    if (message instanceof BoardMessage.Heartbeat hb && uptimeWentBack(hb.uptimeMillis())) {
      LOG.info("board on {} reset (uptime went back to {} ms)", link.portName(),
          hb.uptimeMillis());
      onHello(hello);
      return;
    }
    synchronized (this) {
      if (state == BoardState.LOST && info != null) {
        setState(BoardState.READY);
      }
    }
    if (message instanceof BoardMessage.Hello) {
      // an answer to one of our HELLO_REQUESTs (a boot HELLO has seq 0): nothing to redo
      return;
    }
    if (message instanceof BoardMessage.Capabilities c) {
      onCapabilities(c);
    } else if (message instanceof BoardMessage.Ack a) {
      commands.ack(a.commandSeq());
    } else if (message instanceof BoardMessage.Nack n) {
      commands.nack(n.commandSeq(), n.reason());
    } else if (message instanceof BoardMessage.Reading r && hello != null) {
      notifyListeners(l -> l.onReading(r));
    } else if (message instanceof BoardMessage.Event e && hello != null) {
      notifyListeners(l -> l.onEvent(e));
    }
  }

  private synchronized boolean uptimeWentBack(long uptime) {
    long before = lastUptime;
    lastUptime = uptime;
    return hello != null && before >= 0 && uptime < before;
  }

  private void onHello(BoardMessage.Hello h) {
    synchronized (this) {
      lastUptime = -1;
      if (state == BoardState.CLOSED || state == BoardState.DISCONNECTED) {
        return;
      }
      if (hello != null) {
        LOG.info("board {} on {} reset (hello again)", h.boardId(), link.portName());
      } else {
        LOG.info("board {} firmware {} on {}", h.boardId(), h.firmwareVersion(),
            link.portName());
      }
      hello = h;
      if (helloRequests != null) {
        helloRequests.cancel(false);
        helloRequests = null;
      }
      setState(BoardState.CONNECTING);
      capabilitiesAttempts = 0;
    }
    requestCapabilities();
  }

  private void requestCapabilities() {
    synchronized (this) {
      if (capabilitiesTimeout != null) {
        capabilitiesTimeout.cancel(false);
      }
      capabilitiesAttempts++;
      capabilitiesTimeout = timer.schedule(this::capabilitiesTimedOut,
          options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
    write(new BoardMessage.CapabilitiesRequest());
  }

  private void capabilitiesTimedOut() {
    synchronized (this) {
      if (state != BoardState.CONNECTING || hello == null) {
        return;
      }
      if (capabilitiesAttempts > options.retries()) {
        started.completeExceptionally(new BoardTimeoutException("board " + hello.boardId()
            + " on " + link.portName() + " sent no CAPABILITIES after "
            + capabilitiesAttempts + " requests"));
        return;
      }
    }
    requestCapabilities();
  }

  private void onCapabilities(BoardMessage.Capabilities c) {
    BoardInfo ready;
    synchronized (this) {
      if (hello == null || state != BoardState.CONNECTING) {
        return;
      }
      if (capabilitiesTimeout != null) {
        capabilitiesTimeout.cancel(false);
      }
      info = new BoardInfo(hello, c);
      ready = info;
      setState(BoardState.READY);
    }
    notifyListeners(l -> l.onReady(ready));
    started.complete(ready);
  }

  private void helloTimedOut() {
    synchronized (this) {
      if (hello != null) {
        return;
      }
    }
    started.completeExceptionally(new BoardTimeoutException("no HELLO from a board on "
        + link.portName() + " within " + options.helloTimeout()
        + " (is it running Streetsense firmware at the configured baud rate?)"));
  }

  private void checkHeartbeat() {
    long silentNanos = System.nanoTime() - lastHeardNanos;
    long limit = options.heartbeatInterval().toNanos() * options.missedHeartbeats();
    boolean lost = false;
    synchronized (this) {
      if (state == BoardState.READY && silentNanos > limit) {
        setState(BoardState.LOST);
        lost = true;
      }
      if (state == BoardState.LOST || (state == BoardState.CONNECTING && hello != null
          && silentNanos > limit)) {
        lost = true;
      }
    }
    if (lost) {
      write(new BoardMessage.HelloRequest());
    }
  }

  private void disconnected(Throwable cause) {
    LOG.warn("link {} of board session disconnected: {}", link.portName(), cause.getMessage());
    setState(BoardState.DISCONNECTED);
    IOException e = new IOException("link " + link.portName() + " disconnected", cause);
    started.completeExceptionally(e);
    failAll(e);
  }

  private void write(BoardMessage message) {
    link.write(MessageCodec.toPacket(message, seq()).toFrame());
  }

  private int seq() {
    return nextSeq.getAndUpdate(s -> (s + 1) & 0xFFFF);
  }

  private void failAll(Throwable cause) {
    commands.failAll(cause);
    started.completeExceptionally(cause);
  }

  private void setState(BoardState to) {
    BoardState from;
    synchronized (this) {
      from = state;
      if (from == to || from == BoardState.CLOSED) {
        return;
      }
      state = to;
    }
    LOG.info("board on {}: {} -> {}", link.portName(), from, to);
    notifyListeners(l -> l.onStateChanged(from, to));
  }

  private void notifyListeners(Consumer<BoardListener> call) {
    for (BoardListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("board listener failed", e);
      }
    }
  }
}
