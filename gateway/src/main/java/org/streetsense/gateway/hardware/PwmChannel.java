package org.streetsense.gateway.hardware;

/** A hardware PWM channel. Duty cycle is a fraction 0.0..1.0; frequency in hertz. */
public interface PwmChannel extends AutoCloseable {

  int channel();

  void set(double dutyCycle, int frequencyHz) throws HardwareIoException;

  double dutyCycle();

  int frequencyHz();

  /**
   * Drives the declared shutdown duty ({@link PwmOptions#shutdownDuty}, 0 unless declared) and
   * releases the channel. Idempotent; never throws.
   */
  @Override
  void close();
}
