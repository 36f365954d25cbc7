package org.streetsense.gateway.command;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.hardware.HardwareIoException;

/** An actuator that records every level applied and can be made to fail like lost hardware. */
public final class RecordingActuator implements Actuator {

  private final String id;
  private final ActuatorKind kind;
  private final double safeLevel;
  private final List<Double> applied = new CopyOnWriteArrayList<>();
  private final boolean onOff;
  private final boolean inPlace;
  private final List<String> writers = new CopyOnWriteArrayList<>();
  private volatile double level;
  private volatile boolean broken;
  private volatile java.util.concurrent.CountDownLatch hold;
  private final java.util.concurrent.Semaphore writing = new java.util.concurrent.Semaphore(0);

  public RecordingActuator(String id, ActuatorKind kind, double safeLevel) {
    this(id, kind, safeLevel, false, false);
  }

  private RecordingActuator(String id, ActuatorKind kind, double safeLevel, boolean onOff,
      boolean inPlace) {
    this.id = id;
    this.kind = kind;
    this.safeLevel = safeLevel;
    this.level = safeLevel;
    this.onOff = onOff;
    this.inPlace = inPlace;
  }

  /** An output that is only on or off, as a GPIO pin: a level from 0.5 up is on (1.0). */
  public static RecordingActuator onOff(String id, ActuatorKind kind, double safeLevel) {
    return new RecordingActuator(id, kind, safeLevel, true, false);
  }

  /** A GPIO pin: on or off, and {@linkplain #writesInPlace written in place}. */
  public static RecordingActuator gpio(String id, ActuatorKind kind, double safeLevel) {
    return new RecordingActuator(id, kind, safeLevel, true, true);
  }

  @Override
  public boolean writesInPlace() {
    return inPlace;
  }

  /** The name of the thread of each {@link #apply}, in order. */
  public List<String> writers() {
    return writers;
  }

  public List<Double> applied() {
    return applied;
  }

  /**
   * Makes every later {@link #apply} wait until {@code gate} opens (an output stuck in a write),
   * signalling each one's start to {@link #awaitWrite}.
   */
  public void holdWrites(java.util.concurrent.CountDownLatch gate) {
    hold = gate;
  }

  /** Waits until an {@link #apply} held by {@link #holdWrites} has started; false on timeout. */
  public boolean awaitWrite(java.time.Duration timeout) throws InterruptedException {
    return writing.tryAcquire(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public void breakHardware() {
    broken = true;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ActuatorKind kind() {
    return kind;
  }

  @Override
  public double level() {
    return level;
  }

  @Override
  public double safeLevel() {
    return safeLevel;
  }

  @Override
  public void apply(double newLevel) throws HardwareIoException {
    if (broken) {
      throw new HardwareIoException(HardwareIoException.Kind.NACK, id + ": no ACK");
    }
    java.util.concurrent.CountDownLatch gate = hold;
    if (gate != null) {
      writing.release();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HardwareIoException(HardwareIoException.Kind.TIMEOUT, id + ": interrupted");
      }
    }
    double driven = onOff ? (newLevel >= 0.5 ? 1.0 : 0.0) : newLevel;
    writers.add(Thread.currentThread().getName());
    applied.add(driven);
    level = driven;
  }

  @Override
  public void toSafeState() {
    level = safeLevel;
    applied.add(safeLevel);
  }

  @Override
  public void close() {
    toSafeState();
  }
}
