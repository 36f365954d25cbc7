package org.streetsense.gateway.board;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.DeviceStatus;

/**
 * An output pin of a microcontroller board as an {@link Actuator}: on/off, PWM or servo. Writes go
 * through the board's connection ({@link BoardOutputDriver}); {@link #apply} blocks until the board
 * acknowledged the write (Streetsense firmware) or the bytes left (StandardFirmata), at most
 * {@link #WRITE_TIMEOUT}.
 *
 * <p>The connection drives the safe level first thing after every handshake (open, reconnection,
 * board reset) and only then accepts writes. While the board is away every write fails with
 * {@link HardwareIoException.Kind#UNAVAILABLE}; the level is then the safe level, which the board
 * is driven to as soon as it is back (a board that lost its USB power has released its pins).
 *
 * <p>Threads: {@link #apply}, {@link #toSafeState} and {@link #close} from the command thread;
 * {@link #status()} from any thread.
 */
final class BoardOutput implements Actuator {

  private static final Logger LOG = LoggerFactory.getLogger(BoardOutput.class);
  /** Longest wait for one write: the Streetsense session's three attempts fit in it. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

  private final BoardOutputSpec spec;
  private volatile BoardOutputDriver driver;
  private double level;
  private volatile DeviceState state = DeviceState.ABSENT;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private volatile long errors;

  BoardOutput(BoardOutputSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.level = spec.driven(spec.safeLevel());
  }

  BoardOutputSpec spec() {
    return spec;
  }

  void attach(BoardOutputDriver driver) {
    this.driver = driver;
  }

  @Override
  public String id() {
    return spec.deviceId();
  }

  @Override
  public ActuatorKind kind() {
    return spec.role();
  }

  @Override
  public synchronized double level() {
    return level;
  }

  /** The safe level as the pin shows it (a servo's whole degrees). */
  @Override
  public double safeLevel() {
    return spec.driven(spec.safeLevel());
  }

  /** A digital pin ({@code board-output}) is off or on: a fractional level is refused. */
  @Override
  public boolean onOff() {
    return spec.kind() == BoardOutputKind.DIGITAL;
  }

  @Override
  public boolean confirmed() {
    return state == DeviceState.OK;
  }

  @Override
  public Optional<String> fault() {
    return state == DeviceState.FAULT ? Optional.ofNullable(lastError) : Optional.empty();
  }

  /**
   * Writes {@code newLevel}; {@link #level()} is then the level the pin shows (on/off, duty/255,
   * whole degrees: {@link BoardOutputSpec#driven}).
   */
  @Override
  public synchronized void apply(double newLevel) throws HardwareIoException {
    if (state == DeviceState.FAULT) {
      throw new HardwareIoException(HardwareIoException.Kind.OTHER, lastError);
    }
    BoardOutputDriver d = driver;
    if (d == null) {
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE,
          "board " + spec.boardId() + " is not connected");
    }
    try {
      d.drive(this, newLevel).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HardwareIoException(HardwareIoException.Kind.TIMEOUT,
          "interrupted while writing " + spec.pin() + " of board " + spec.boardId(), e);
    } catch (TimeoutException e) {
      throw new HardwareIoException(HardwareIoException.Kind.TIMEOUT, "board " + spec.boardId()
          + " did not confirm " + spec.pin() + " within " + WRITE_TIMEOUT.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, cause.getMessage(), cause);
    }
    level = spec.driven(newLevel);
  }

  /**
   * Drives the safe level; when the board cannot be reached the level is still taken as the safe
   * level, which the connection drives first thing once the board is back.
   */
  @Override
  public synchronized void toSafeState() {
    if (state == DeviceState.FAULT) {
      level = safeLevel();
      return;
    }
    try {
      apply(spec.safeLevel());
    } catch (HardwareIoException e) {
      LOG.warn("actuator {}: cannot drive safe state now ({}); board {} gets it first thing when "
          + "it is back", id(), e.getMessage(), spec.boardId());
      level = safeLevel();
    }
  }

  /** The connection drove the safe level after a handshake: the output takes writes again. */
  synchronized void ready() {
    level = safeLevel();
    state = DeviceState.OK;
  }

  /**
   * The board went away (unplugged, silent, reset): writes fail until it is ready again.
   *
   * @return whether the output was ready before (the loss is news)
   */
  boolean lost(String reason) {
    boolean wasReady = state == DeviceState.OK;
    state = DeviceState.ABSENT;
    if (wasReady) {
      error(reason);
    }
    return wasReady;
  }

  /** The board refused the pin (it has no such pin, or not in this mode). */
  void fault(String reason) {
    state = DeviceState.FAULT;
    error(reason);
  }

  boolean isReady() {
    return state == DeviceState.OK;
  }

  private void error(String reason) {
    lastError = reason;
    lastErrorAt = Instant.now();
    errors++;
  }

  DeviceStatus status() {
    return new DeviceStatus(spec.deviceId(), spec.driver(), state, lastError, lastErrorAt, errors);
  }

  /** Drives the safe level if the board is still reachable; the board's connection is closed by its owner. */
  @Override
  public void close() {
    if (isReady()) {
      toSafeState();
    }
  }

  @Override
  public String toString() {
    return "board output " + id() + " (" + spec.boardId() + " " + spec.pin() + ")";
  }

  static IOException notReady(BoardOutputSpec spec, String why) {
    return new IOException("board " + spec.boardId() + " " + why + "; " + spec.pin()
        + " cannot be driven");
  }
}
