package org.streetsense.gateway.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.PwmChannel;
import org.streetsense.gateway.hardware.PwmOptions;

/**
 * A {@link PwmChannel} on a Pi4J hardware PWM (linuxfs: {@code /sys/class/pwm/pwmchipN/pwmM}; the
 * address is the channel, not the BCM pin). Pi4J takes duty cycles in percent; this adapter takes
 * fractions. Starts and shuts down at its declared shutdown duty (0 unless declared). Thread-safe.
 */
final class Pi4jPwm implements PwmChannel {

  private static final Logger LOG = LoggerFactory.getLogger(Pi4jPwm.class);

  private final Context context;
  private final Pwm pwm;
  private final PwmOptions options;
  private final String where;
  private double dutyCycle;
  private int frequencyHz;
  private boolean closed;

  Pi4jPwm(Context context, PwmOptions options) throws HardwareIoException {
    this.context = context;
    this.options = options;
    this.where = "pwmchip" + options.chip() + "/pwm" + options.channel();
    try {
      this.pwm =
          context.create(
              Pwm.newConfigBuilder(context)
                  .id(Pi4jIds.next("pwm", options.chip() + "-" + options.channel()))
                  .name("streetsense " + where)
                  .address(options.channel())
                  .pwmType(PwmType.HARDWARE)
                  .frequency(options.frequencyHz())
                  .initial(options.shutdownDuty() * 100.0)
                  .shutdown(options.shutdownDuty() * 100.0)
                  .build());
    } catch (RuntimeException e) {
      throw Pi4jErrors.map(where, "open", e);
    }
    this.frequencyHz = options.frequencyHz();
    this.dutyCycle = options.shutdownDuty();
  }

  @Override
  public int channel() {
    return options.channel();
  }

  /**
   * @throws IllegalArgumentException if the duty cycle is outside 0.0..1.0 or the frequency
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
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, where + ": closed");
    }
    try {
      pwm.on(dutyCycle * 100.0, frequencyHz);
    } catch (RuntimeException e) {
      throw Pi4jErrors.map(where, "set duty " + dutyCycle + " at " + frequencyHz + " Hz", e);
    }
    this.dutyCycle = dutyCycle;
    this.frequencyHz = frequencyHz;
  }

  @Override
  public synchronized double dutyCycle() {
    return dutyCycle;
  }

  @Override
  public synchronized int frequencyHz() {
    return frequencyHz;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (options.shutdownDuty() > 0) {
        pwm.on(options.shutdownDuty() * 100.0, frequencyHz);
      } else {
        pwm.off();
      }
      dutyCycle = options.shutdownDuty();
    } catch (RuntimeException e) {
      LOG.error("{}: switching off failed", where, e);
    }
    try {
      context.shutdown(pwm.id());
    } catch (RuntimeException e) {
      LOG.warn("releasing {} failed", where, e);
    }
  }
}
