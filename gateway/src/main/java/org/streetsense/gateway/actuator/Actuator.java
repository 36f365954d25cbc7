package org.streetsense.gateway.actuator;

import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * Something the installation moves, lights or sounds, seen as one level.
 *
 * <p>The level is normalised: 0.0..1.0 for lights, sound and switches (0 = off, 1 = full on);
 * degrees 0..180 for servos ({@link ActuatorKind#MOTION}), a position 0..1 over the channel's
 * range for a DMX fixture's pan and tilt (also motion). Every actuator declares a safe level
 * that it falls back to on shutdown, on restart after a crash, and when its hardware is lost.
 *
 * <p>{@link #apply} blocks for a bus transaction: call it on the hardware executor, never the
 * Vert.x event loop. Implementations serialise their own access.
 */
public interface Actuator extends AutoCloseable {

  String id();

  ActuatorKind kind();

  /** The level last applied successfully. */
  double level();

  /** The level this actuator falls back to. */
  double safeLevel();

  /**
   * Whether the output is only ever off or on (a GPIO led or relay): it can produce levels 0 and
   * 1 and nothing between, so the safety policy refuses a fractional level for it instead of
   * rounding (docs/safety.md). False for dimmable and positional outputs.
   */
  default boolean onOff() {
    return false;
  }

  /**
   * Whether the level is a position 0..1 (a DMX fixture's pan or tilt): it has no on and off
   * (on would drive it to its end stop, off to 0 rather than home), so the command processor
   * refuses them whatever the allow-list says. False for every other output.
   */
  default boolean position() {
    return false;
  }

  /**
   * The output as the hardware holds it now, read back where the hardware can be read: the
   * fraction of each period the output pin is high (0 or 1 for a GPIO pin, the PWM duty of a
   * channel), after any active-low inversion; {@code NaN} when it cannot be read. Blocks for a
   * bus read; call it on the hardware executor. Never throws.
   */
  default double outputHigh() {
    return Double.NaN;
  }

  /**
   * Whether {@link #apply} only sets a pin in place (a GPIO register, or one system call), taking
   * microseconds and waiting for no bus, board, frame or other thread. The command processor may
   * then write a reflex on the thread that saw the edge (decision 0377). False unless an
   * implementation says so.
   */
  default boolean writesInPlace() {
    return false;
  }

  /** Drives the hardware to {@code level}; the level is already checked by the safety policy. */
  void apply(double level) throws HardwareIoException;

  /**
   * Whether the hardware confirmed the level now reported by {@link #level()}: false while an
   * output's board is away (unplugged, silent, not yet answered at start) or refused the pin, when
   * nobody knows what the pin drives. Outputs on the Pi are always confirmed. Any thread.
   */
  default boolean confirmed() {
    return true;
  }

  /**
   * Why this output cannot be driven at all, whatever is retried (its board has no such pin, or
   * not in that mode), naming the pin and capability; empty when it can be. Any thread.
   */
  default java.util.Optional<String> fault() {
    return java.util.Optional.empty();
  }

  /** Drives the safe level, swallowing and logging hardware errors. */
  void toSafeState();

  /**
   * What the output is left at when the process stops (shutdown, {@code safe-outputs}): its safe
   * state, unless it declares a stop state of its own (a DMX fixture on an {@code onStop:
   * blackout} universe goes dark). Same thread rules as {@link #toSafeState}.
   */
  default void toStopState() {
    toSafeState();
  }

  /** The level {@link #toStopState} leaves the output at. */
  default double stopLevel() {
    return safeLevel();
  }

  /** Drives the safe level and releases the hardware. Never throws. */
  @Override
  void close();
}
