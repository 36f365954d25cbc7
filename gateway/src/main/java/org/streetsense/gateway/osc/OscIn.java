package org.streetsense.gateway.osc;

import com.illposed.osc.OSCMessage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.status.ListenerStatus;

/**
 * Turns OSC messages into commands, under the same safety policy as every other source.
 *
 * <p>Address {@code <prefix>/<actuator>/<op>} (the actuator id may have two levels, as in
 * {@code leds/ring}) with op one of set, on, off, pulse, fade, safe;
 * arguments: an optional value (float or int) then an optional duration in milliseconds (int or
 * float). Example: {@code oscsend localhost 9000 /streetsense/led-2/fade ff 1.0 300}. For a DMX
 * fixture with colour channels, {@code <prefix>/<fixture>/color} takes one value 0..255 per
 * colour channel (int, or a float without fraction) then an optional fade duration in milliseconds:
 * {@code oscsend localhost 9000 /streetsense/wash/color iiii 255 40 0 2000}. Messages
 * that do not fit (a NaN or infinite value included) are counted in the processor's statistics
 * as MALFORMED and otherwise ignored
 * (OSC has no reply channel).
 *
 * <p>Datagrams are received on a thread of its own ({@code streetsense-osc-in}) and decoded by
 * the bounded {@link OscDecoder}: a datagram that is not valid OSC, or exceeds a limit of
 * {@link OscInOptions}, is dropped whole and counted in {@link #stats()} by
 * {@link OscDropReason}, and summarised in the log at most once per
 * {@link OscInOptions#logInterval()}. Nothing a sender puts in a datagram can end the thread.
 * Decoded messages are submitted to the {@link CommandProcessor} on the receive thread; submit
 * never blocks, and the processor's own bounded queue refuses what it cannot take (counted as
 * OVERLOADED), so a flood of valid messages cannot grow memory: what waits is the kernel's
 * receive buffer ({@link OscInOptions#receiveBufferBytes()}), and the kernel drops beyond it.
 *
 * <p>If the receive thread ends anyway (the socket failed, an Error), a supervisor thread
 * ({@code streetsense-osc-supervisor}) restarts it after a back-off, re-binding the socket when
 * it was closed, and counts the restart; {@link #status()} reports the listener down meanwhile,
 * for {@code /health}.
 */
public final class OscIn implements AutoCloseable {

  /** The listener's name in {@code /health} reasons and metrics. */
  public static final String LISTENER_NAME = "osc-in";
  private static final Logger LOG = LoggerFactory.getLogger(OscIn.class);
  /** Commands from OSC are live gestures: stale ones are worthless. */
  private static final Duration TTL = Duration.ofSeconds(2);

  private final InetSocketAddress bind;
  private final String prefix;
  private final CommandProcessor processor;
  private final TimeSource time;
  private final OscInOptions options;
  private final OscDecoder decoder;
  private final OscInStats stats = new OscInStats();
  private final DropLog dropLog;
  private final ScheduledExecutorService supervisor;
  private final java.util.concurrent.atomic.AtomicBoolean internalErrorLogged =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Object lock = new Object();
  private volatile DatagramSocket socket;
  private volatile Thread receiver;
  private volatile boolean closed;
  private volatile String lastFailure = "not started";
  private long backoffNanos;
  private long startedNanos;

  /**
   * With {@link OscInOptions#defaults()}.
   *
   * @param bind local address to listen on (use 127.0.0.1 unless artists' machines are remote)
   * @throws IOException when the UDP port cannot be bound
   */
  public OscIn(InetSocketAddress bind, String prefix, CommandProcessor processor, TimeSource time) throws IOException {
    this(bind, prefix, processor, time, OscInOptions.defaults());
  }

  /**
   * Binds the socket; {@link #start()} starts receiving.
   *
   * @throws IOException when the UDP port cannot be bound
   */
  public OscIn(InetSocketAddress bind, String prefix, CommandProcessor processor, TimeSource time,
      OscInOptions options) throws IOException {
    this(bind, prefix, processor, time, options, false);
  }

  /**
   * An input that is bound now if the port is free, and otherwise keeps trying with the restart
   * back-off from {@link #start()} on, reported down on {@link #status()} (so {@code /health}
   * names it) meanwhile: another program holding the port at boot must not stop the gateway, its
   * sensing and its safety policy.
   */
  public static OscIn bindingWhenFree(InetSocketAddress bind, String prefix, CommandProcessor processor,
      TimeSource time, OscInOptions options) {
    try {
      return new OscIn(bind, prefix, processor, time, options, true);
    } catch (IOException e) {
      throw new AssertionError("a retrying input does not throw on bind", e);
    }
  }

  private OscIn(InetSocketAddress bind, String prefix, CommandProcessor processor, TimeSource time,
      OscInOptions options, boolean retryBind) throws IOException {
    this.prefix = prefix;
    this.processor = processor;
    this.time = time;
    this.options = Objects.requireNonNull(options, "options");
    this.decoder = new OscDecoder(options);
    this.dropLog = new DropLog(LOG::warn, options.logInterval().toNanos(), time::monotonicNanos);
    this.backoffNanos = options.restartBackoffMin().toNanos();
    DatagramSocket opened = null;
    try {
      opened = open(bind);
    } catch (IOException | RuntimeException e) {
      if (!retryBind) {
        throw e;
      }
      lastFailure = "cannot bind " + bind + ": " + e.getMessage();
    }
    this.socket = opened;
    this.bind = opened == null ? bind : (InetSocketAddress) opened.getLocalSocketAddress();
    this.supervisor = newSupervisor();
  }

  private static ScheduledExecutorService newSupervisor() {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "streetsense-osc-supervisor");
      t.setDaemon(true);
      return t;
    });
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

  /** Starts the receive thread, and the periodic drop summary. */
  public void start() {
    boolean bound;
    synchronized (lock) {
      bound = socket != null;
      if (bound) {
        startReceiver();
      }
    }
    if (!bound) {
      LOG.error("OSC input: {}; next try in {} ms", lastFailure,
          TimeUnit.NANOSECONDS.toMillis(backoffNanos));
      scheduleRestart(backoffNanos);
    }
    long every = options.logInterval().toNanos();
    supervisor.scheduleAtFixedRate(dropLog::flush, every, every, TimeUnit.NANOSECONDS);
  }

  /** The counts of datagrams received, decoded and dropped, and of restarts. */
  public OscInStats stats() {
    return stats;
  }

  /** The local address actually bound (the port is the real one when 0 was asked for). */
  public InetSocketAddress localAddress() {
    return bind;
  }

  /** Whether the receive loop runs now, with the last failure while it does not. */
  public ListenerStatus status() {
    Thread t = receiver;
    DatagramSocket s = socket;
    boolean up = !closed && t != null && t.isAlive() && s != null && !s.isClosed();
    return new ListenerStatus(LISTENER_NAME, up, stats.restartCount(), up ? "" : lastFailure);
  }

  private static DatagramSocket open(InetSocketAddress bind) throws IOException {
    DatagramSocket s = new DatagramSocket(null);
    try {
      s.bind(bind);
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Under {@link #lock}. */
  private void startReceiver() {
    DatagramSocket s = socket;
    try {
      s.setReceiveBufferSize(options.receiveBufferBytes());
    } catch (IOException e) {
      LOG.debug("OSC input: SO_RCVBUF not set: {}", e.toString());
    }
    Thread t = new Thread(() -> receive(s), "streetsense-osc-in");
    t.setDaemon(true);
    receiver = t;
    startedNanos = time.monotonicNanos();
    t.start();
  }

  /** The receive loop: only a failing socket or an Error ends it. */
  private void receive(DatagramSocket s) {
    Throwable ended = null;
    try {
      byte[] buffer = new byte[options.maxDatagramBytes() + 1];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      while (!closed) {
        packet.setLength(buffer.length);
        s.receive(packet);
        handle(buffer, packet.getLength(), packet.getSocketAddress());
      }
    } catch (IOException | RuntimeException | Error e) {
      ended = e;
    } finally {
      receiverEnded(s, ended);
    }
  }

  /**
   * Decodes and dispatches one datagram; counts it once, as decoded or dropped. Package-private
   * for tests that feed datagrams without a socket.
   */
  void handle(byte[] buffer, int length, SocketAddress from) {
    OscDecoder.Result result;
    try {
      result = decoder.decode(buffer, length);
    } catch (RuntimeException | StackOverflowError e) {
      result = new OscDecoder.Dropped(OscDropReason.INTERNAL_ERROR, "decoder failed: " + e, 0);
      internalError(e);
    }
    stats.count(result);
    if (result instanceof OscDecoder.Dropped d) {
      dropLog.dropped(d.reason(), d.detail(), from);
      return;
    }
    for (OSCMessage m : ((OscDecoder.Decoded) result).messages()) {
      try {
        onMessage(m);
      } catch (RuntimeException | StackOverflowError e) {
        internalError(e);
        stats.failedAfterDecoding(OscDropReason.INTERNAL_ERROR);
        dropLog.dropped(OscDropReason.INTERNAL_ERROR, "handling " + OscDecoder.printable(m.getAddress())
            + " failed: " + e, from);
        return;
      }
    }
  }

  /** Logs the first internal failure with its stack trace; later ones go to the drop summary. */
  private void internalError(Throwable e) {
    if (internalErrorLogged.compareAndSet(false, true)) {
      LOG.error("OSC input: handling a datagram failed (a bug; later failures are only counted)", e);
    }
  }

  private void receiverEnded(DatagramSocket s, Throwable cause) {
    if (closed) {
      return;
    }
    lastFailure = "receive thread ended: " + (cause == null ? "no cause" : cause.toString());
    long delay;
    synchronized (lock) {
      if (time.monotonicNanos() - startedNanos >= options.restartBackoffMax().toNanos()) {
        backoffNanos = options.restartBackoffMin().toNanos();
      }
      delay = backoffNanos;
      backoffNanos = Math.min(backoffNanos * 2, options.restartBackoffMax().toNanos());
    }
    LOG.error("OSC input on {}: {}; restarting in {} ms", bind, lastFailure,
        TimeUnit.NANOSECONDS.toMillis(delay), cause);
    scheduleRestart(delay);
  }

  private void scheduleRestart(long delayNanos) {
    try {
      supervisor.schedule(this::restart, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("OSC input closed; no restart");
    }
  }

  private void restart() {
    long delay;
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        if (socket == null || socket.isClosed()) {
          socket = open(bind);
        }
        stats.restarted();
        startReceiver();
        LOG.warn("OSC input on {} restarted ({} restarts so far)", bind, stats.restartCount());
        return;
      } catch (IOException | RuntimeException e) {
        lastFailure = "cannot bind " + bind + ": " + e.getMessage();
        delay = backoffNanos;
        backoffNanos = Math.min(backoffNanos * 2, options.restartBackoffMax().toNanos());
      }
    }
    LOG.error("OSC input: {}; next try in {} ms", lastFailure, TimeUnit.NANOSECONDS.toMillis(delay));
    scheduleRestart(delay);
  }

  /** The socket now, for tests that make it fail as a broken network would. */
  DatagramSocket socketForTests() {
    return socket;
  }

  void onMessage(OSCMessage m) {
    String address = m.getAddress();
    if (!address.startsWith(prefix + "/")) {
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    String rest = address.substring(prefix.length() + 1);
    int lastSlash = rest.lastIndexOf('/');
    if (lastSlash <= 0) {
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    // The last level is the operation; everything before it is the actuator id, which may itself
    // be two levels for a channel of a PWM chip (leds/ring).
    String actuator = rest.substring(0, lastSlash);
    Operation op = Operation.fromWire(rest.substring(lastSlash + 1)).orElse(null);
    List<Object> args = m.getArguments();
    if (op == Operation.COLOR) {
      onColour(actuator, args);
      return;
    }
    if (op == null || args.size() > 2 || !args.stream().allMatch(a -> a instanceof Number)) {
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    double value = args.isEmpty() ? Double.NaN : valueOf((Number) args.get(0));
    if (!args.isEmpty() && !Double.isFinite(value)) {
      // f nan or f inf is not a level: malformed OSC input, counted and ignored like the rest
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    Duration duration = args.size() < 2 ? Duration.ZERO : durationOf((Number) args.get(1));
    if (duration == null) {
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    String id = processor.internalId("osc");
    processor.submit(new Command(id, id, actuator, op, value, duration,
        time.wallMillis() + TTL.toMillis(), CommandSource.OSC));
  }

  /**
   * {@code <fixture>/color r g b [w [a]] [duration_ms]}: as many values as the fixture has colour
   * channels, each a whole number 0..255 (int, or a float without fraction), then an optional
   * duration. Anything else (an actuator without colour, a wrong count, a value out of 0..255, a
   * fraction, NaN, a string) is MALFORMED.
   */
  private void onColour(String actuator, List<Object> args) {
    int channels = processor.colourChannels(actuator);
    if (channels == 0 || (args.size() != channels && args.size() != channels + 1)
        || !args.stream().allMatch(a -> a instanceof Number)) {
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    List<Integer> colour = new java.util.ArrayList<>(channels);
    for (int i = 0; i < channels; i++) {
      double v = ((Number) args.get(i)).doubleValue();
      if (!(v >= 0 && v <= 255) || v != Math.rint(v)) {
        // a fraction is refused like over MQTT, not rounded: a DMX value is a whole number
        processor.stats().rejected(RejectReason.MALFORMED);
        return;
      }
      colour.add((int) v);
    }
    Duration duration = args.size() == channels ? Duration.ZERO
        : durationOf((Number) args.get(channels));
    if (duration == null) {
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    String id = processor.internalId("osc");
    processor.submit(new Command(id, id, actuator, Operation.COLOR, Double.NaN, duration,
        time.wallMillis() + TTL.toMillis(), CommandSource.OSC, colour));
  }

  /**
   * A duration argument in milliseconds as a {@link Duration}, saturating at
   * {@link Long#MAX_VALUE} ms so that no argument overflows (the safety policy then refuses what is
   * longer than its cap); null for NaN and negative values.
   */
  /**
   * An argument as the sender meant it: a float32 is read as the shortest decimal that gives it
   * back ({@code f 0.8} is 0.8, not 0.800000011920929), so a value at the top of a declared range
   * is not refused for a rounding the artist's tool made.
   */
  static double valueOf(Number n) {
    if (n instanceof Float f) {
      return Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : f.doubleValue();
    }
    return n.doubleValue();
  }

  static Duration durationOf(Number ms) {
    if (ms instanceof Float || ms instanceof Double) {
      double d = ms.doubleValue();
      if (Double.isNaN(d) || d < 0) {
        return null;
      }
      return Duration.ofMillis(d >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) d);
    }
    long l = ms.longValue();
    return l < 0 ? null : Duration.ofMillis(l);
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lastFailure = "closed";
      if (socket != null) {
        socket.close();
      }
    }
    supervisor.shutdownNow();
    dropLog.flush();
    Thread t = receiver;
    if (t != null) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
