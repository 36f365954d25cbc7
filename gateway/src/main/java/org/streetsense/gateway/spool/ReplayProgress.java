package org.streetsense.gateway.spool;

/**
 * How far a forwarder is.
 *
 * @param sink sink name
 * @param backlog observations spooled and not yet acknowledged by the sink (all lanes)
 * @param delivered observations acknowledged since start
 * @param gapsReported gap reports acknowledged since start
 * @param ratePerSecond recent delivery rate (exponentially smoothed, per second)
 * @param failures failed deliveries since start
 * @param lastError message of the last failure, or null
 * @param waitingForClock whether delivery is held until the clock is trusted
 */
public record ReplayProgress(
    String sink,
    long backlog,
    long delivered,
    long gapsReported,
    double ratePerSecond,
    long failures,
    String lastError,
    boolean waitingForClock) {}
