package org.streetsense.gateway.hardware.simulated;

import java.util.List;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.PwmChannel;
import org.streetsense.gateway.hardware.PwmOptions;

/**
 * A {@link PwmChannel} that records every duty cycle and frequency set, starting at its declared
 * shutdown duty ({@link PwmOptions#shutdownDuty}, 0 unless declared) and ending at it on close.
 * Thread-safe.
 */
public final class SimulatedPwmChannel implements PwmChannel {

  private final PwmOptions options;
  private final TimeSource time;
  private final Runnable onClose;
  /** How many of the latest changes {@link #history()} keeps (a simulated rig runs for days). */
  public static final int HISTORY_LIMIT = 4096;

  private final java.util.ArrayDeque<PwmSetting> history = new java.util.ArrayDeque<>();
  private double dutyCycle;
  private int frequencyHz;
  private boolean closed;

  SimulatedPwmChannel(PwmOptions options, TimeSource time, Runnable onClose) {
    this.options = options;
    this.time = time;
    this.onClose = onClose;
    apply(options.shutdownDuty(), options.frequencyHz());
  }

  @Override
  public int channel() {
    return options.channel();
  }

  /** Whether the channel was released. */
  public synchronized boolean closed() {
    return closed;
  }

  public int chip() {
    return options.chip();
  }

  /**
   * @throws IllegalArgumentException if the duty cycle is outside 0.0..1.0 or the frequency is
   *     outside 1..1000000 Hz
   */
  @Override
  public synchronized void set(double dutyCycle, int frequencyHz) throws HardwareIoException {
    if (!(dutyCycle >= 0.0 && dutyCycle <= 1.0)) {
      throw new IllegalArgumentException("dutyCycle must be 0.0..1.0, was " + dutyCycle);
    }
    if (frequencyHz < 1 || frequencyHz > 1_000_000) {
      throw new IllegalArgumentException("frequencyHz must be 1..1000000, was " + frequencyHz);
    }
    if (closed) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE,
          "simulated pwmchip" + options.chip() + "/pwm" + options.channel() + " is closed");
    }
    apply(dutyCycle, frequencyHz);
  }

  @Override
  public synchronized double dutyCycle() {
    return dutyCycle;
  }

  @Override
  public synchronized int frequencyHz() {
    return frequencyHz;
  }

  /** The last {@link #HISTORY_LIMIT} settings applied, oldest first. */
  public synchronized List<PwmSetting> history() {
    return List.copyOf(history);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      apply(options.shutdownDuty(), frequencyHz);
      closed = true;
    }
    onClose.run();
  }

  private void apply(double duty, int hz) {
    dutyCycle = duty;
    frequencyHz = hz;
    if (history.size() == HISTORY_LIMIT) {
      history.removeFirst();
    }
    history.addLast(new PwmSetting(time.monotonicNanos(), duty, hz));
  }
}
