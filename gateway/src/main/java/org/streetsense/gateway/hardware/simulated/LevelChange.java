package org.streetsense.gateway.hardware.simulated;

/**
 * One level driven on a simulated output.
 *
 * @param monotonicNanos when, on the backend's monotonic clock
 * @param high the level driven
 * @param shutdown true if this is the shutdown state driven on close
 */
public record LevelChange(long monotonicNanos, boolean high, boolean shutdown) {}
