package org.streetsense.gateway.hardware;

/**
 * Immutable options for a {@link PwmChannel}.
 *
 * @param chip the PWM chip number (linuxfs /sys/class/pwm/pwmchipN)
 * @param channel the PWM channel on that chip (not the BCM pin: on a Pi 5 GPIO18 is channel 2)
 * @param frequencyHz initial frequency, 1..1_000_000
 * @param shutdownDuty the duty cycle (0..1, physical: the fraction of each period the pin is
 *     high) the channel starts at and is driven to on close and when the backend closes; 1 for an
 *     active-low load whose safe state is off
 */
public record PwmOptions(int chip, int channel, int frequencyHz, double shutdownDuty) {

  /** A channel that starts and shuts down at duty 0 (low). */
  public PwmOptions(int chip, int channel, int frequencyHz) {
    this(chip, channel, frequencyHz, 0.0);
  }

  public PwmOptions {
    if (chip < 0) {
      throw new IllegalArgumentException("chip must be >= 0, was " + chip);
    }
    if (channel < 0) {
      throw new IllegalArgumentException("channel must be >= 0, was " + channel);
    }
    if (frequencyHz < 1 || frequencyHz > 1_000_000) {
      throw new IllegalArgumentException("frequencyHz must be 1..1000000, was " + frequencyHz);
    }
    if (!(shutdownDuty >= 0 && shutdownDuty <= 1)) {
      throw new IllegalArgumentException("shutdownDuty must be 0..1, was " + shutdownDuty);
    }
  }
}
