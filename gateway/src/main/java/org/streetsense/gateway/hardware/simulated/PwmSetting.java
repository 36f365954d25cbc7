package org.streetsense.gateway.hardware.simulated;

/**
 * One setting applied to a simulated PWM channel.
 *
 * @param monotonicNanos when, on the backend's monotonic clock
 * @param dutyCycle fraction 0.0..1.0
 * @param frequencyHz hertz
 */
public record PwmSetting(long monotonicNanos, double dutyCycle, int frequencyHz) {}
