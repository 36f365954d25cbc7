package org.streetsense.bridge.sim;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.bridge.link.ConnectionListener;
import org.streetsense.bridge.link.ReconnectingLink;
import org.streetsense.bridge.link.SerialLink;

/**
 * A simulated Uno-class board on any {@link SerialLink} end: an {@link
 * org.streetsense.bridge.link.InMemoryLinkPair} board end (the gateway's {@code backend:
 * simulated}, unit tests), or a jSerialComm link on the board end of a socat pty pair
 * (integration tests). It speaks the Streetsense board protocol or StandardFirmata ({@link
 * SimulatedBoardOptions#protocol()}) byte for byte, so the host side runs unchanged.
 *
 * <p>Tests set input levels, analog values and the HC-SR04 distance, read what commands drove
 * (digital levels, PWM duties, servo angles) through {@link #pins()}, and inject faults through
 * {@link #faults()} and {@link #reset()}. Every change of an output is logged at INFO
 * ({@code simulated board uno-1: D13 high}), so a rehearsal shows what the board would do. On a
 * {@link ReconnectingLink} with {@code resetOnConnect}, every (re)connection resets the board,
 * as opening the port resets a real Uno.
 *
 * <p>Threads: all protocol work runs on the board's own thread; the setters hand work to it and
 * return at once.
 */
public final class SimulatedBoard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedBoard.class);

  private final SerialLink link;
  private final SimulatedBoardOptions options;
  private final SimulatedPins pins;
  private final BoardFaults faults = new BoardFaults();
  private final ScheduledExecutorService thread;
  private final Behaviour behaviour;
  private final AtomicLong resets = new AtomicLong();
  private volatile long bootNanos = System.nanoTime();

  public SimulatedBoard(SerialLink link, SimulatedBoardOptions options) {
    this.link = Objects.requireNonNull(link, "link");
    this.options = Objects.requireNonNull(options, "options");
    this.pins = new SimulatedPins(options.boardId());
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "simulated-board-" + options.boardId());
      t.setDaemon(true);
      return t;
    });
    this.behaviour = options.protocol() == BoardProtocol.STREETSENSE
        ? new StreetsenseBehaviour(this) : new FirmataBehaviour(this);
  }

  /** Opens the link and powers the board on (it announces itself). */
  public void start() throws IOException {
    link.onData(bytes -> thread.execute(() -> behaviour.onBytes(bytes)));
    if (link instanceof ReconnectingLink reconnecting && options.resetOnConnect()) {
      reconnecting.addConnectionListener(new ConnectionListener() {
        @Override
        public void connected(String portName) {
          reset();
        }
      });
      reconnecting.open();
      return;
    }
    if (!link.isOpen()) {
      link.open();
    }
    reset();
  }

  /** Reboots the board: configuration is forgotten, outputs released, hello sent again. */
  public void reset() {
    thread.execute(() -> {
      resets.incrementAndGet();
      bootNanos = System.nanoTime();
      pins.resetOutputs();
      LOG.debug("simulated board {} boots", options.boardId());
      behaviour.powerOn();
    });
  }

  /**
   * The board loses power (its USB cable was pulled): periodic work stops and every output is
   * released; it boots again when its link connects again ({@code resetOnConnect}) or on
   * {@link #reset()}.
   */
  public void powerLoss() {
    thread.execute(() -> {
      behaviour.powerOff();
      pins.resetOutputs();
    });
  }

  /** Sets a digital input level; a configured input reports the edge. */
  public void setDigitalInput(int pin, boolean high) {
    thread.execute(() -> {
      boolean before = pins.input(pin);
      pins.setInput(pin, high);
      if (before != high) {
        behaviour.inputChanged(pin, high);
      }
    });
  }

  /** Sets analog channel {@code channel} (0 is A0) to {@code counts}, 0..1023. */
  public void setAnalog(int channel, int counts) {
    if (counts < 0 || counts > 1023) {
      throw new IllegalArgumentException("counts must be 0..1023, was " + counts);
    }
    pins.setAnalog(channel, counts);
  }

  /** Sets the distance the HC-SR04 measures, in millimetres. */
  public void setDistanceMm(double mm) {
    pins.setDistanceMm(mm);
  }

  /** Sends raw bytes, as line noise would deliver them. */
  public void injectGarbage(byte[] bytes) {
    thread.execute(() -> link.write(bytes.clone()));
  }

  public SimulatedPins pins() {
    return pins;
  }

  public BoardFaults faults() {
    return faults;
  }

  /** How many times the board booted (start, resets, reconnects). */
  public long resets() {
    return resets.get();
  }

  public SimulatedBoardOptions options() {
    return options;
  }

  @Override
  public void close() {
    thread.execute(behaviour::powerOff);
    thread.shutdown();
    link.close();
  }

  /** Milliseconds since the last boot, like Arduino's millis(). */
  long millis() {
    return (System.nanoTime() - bootNanos) / 1_000_000;
  }

  ScheduledExecutorService thread() {
    return thread;
  }

  /** Sends one frame or message through the fault injector. Call on the board thread. */
  void send(byte[] frame) {
    byte[] out = faults.apply(frame, options.protocol());
    if (out != null && link.isOpen()) {
      link.write(out);
    }
  }
}
