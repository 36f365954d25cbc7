package org.streetsense.gateway.hardware;

/**
 * A level change on a digital input.
 *
 * @param pin the BCM pin number (or the simulated pin's number)
 * @param high the level after the edge
 * @param monotonicNanos when the edge was seen, from {@link TimeSource#monotonicNanos()} of the
 *     backend that saw it; Pi4J's own events carry no timestamp, so the adapter stamps them
 */
public record EdgeEvent(int pin, boolean high, long monotonicNanos) {}
