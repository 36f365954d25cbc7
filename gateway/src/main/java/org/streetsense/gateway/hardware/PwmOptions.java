package org.streetsense.gateway.hardware;

/**
 * Immutable options for a {@link PwmChannel}.
 *
 * @param chip the PWM chip number (linuxfs /sys/class/pwm/pwmchipN)
 * @param channel the PWM channel on that chip (not the BCM pin: on a Pi 5 GPIO18 is channel 2)
 * @param frequencyHz initial frequency, 1..1_000_000
 */
public record PwmOptions(int chip, int channel, int frequencyHz) {

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
  }
}
