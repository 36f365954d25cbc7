package org.streetsense.gateway.hardware;

/** A hardware PWM channel. Duty cycle is a fraction 0.0..1.0; frequency in hertz. */
public interface PwmChannel extends AutoCloseable {

  int channel();

  void set(double dutyCycle, int frequencyHz) throws HardwareIoException;

  double dutyCycle();

  int frequencyHz();

  /** Drives duty cycle 0 (the safe state) and releases the channel. Idempotent; never throws. */
  @Override
  void close();
}
