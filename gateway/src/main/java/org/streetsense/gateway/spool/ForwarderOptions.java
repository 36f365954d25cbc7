package org.streetsense.gateway.spool;

import java.time.Duration;
import java.util.Objects;

/**
 * Pacing and retry of a {@link SpoolForwarder}; build with {@link #builder()}.
 *
 * @param batchSize most observations per {@code Sink.deliver} call (default 500)
 * @param ratePerSecond how much faster than live telemetry arrives a telemetry backlog drains,
 *     observations per second (default 1000): the token bucket refills at this rate plus the
 *     spool's live append rate; interaction events are never held back by the bucket
 * @param burst token-bucket capacity (default 2000): a short backlog goes out at once
 * @param retryInitial first back-off after a failed delivery (default 1 s), doubling per failure
 * @param retryMax longest back-off (default 60 s)
 * @param idlePoll how often an idle or paused forwarder looks again even without a commit
 *     notification: sink unavailable, clock not yet trusted (default 1 s)
 * @param deliveryTimeout a delivery whose future has not completed by then counts as failed
 *     (default 60 s)
 * @param telemetryBatchesInFlight most telemetry batches handed to the sink and not yet
 *     acknowledged (default 4): the next batch is read and sent while earlier ones wait for their
 *     acknowledgements, which the spool still records strictly in order; 1 sends one batch per
 *     round trip. The interactive lane always keeps one batch in flight.
 * @param pacedBatch fewest telemetry records a batch waits for while the token bucket paces a
 *     backlog (default 1, at most {@code batchSize} and {@code burst}): the sink's message size
 *     (decision 0384), so that a paced backlog still fills its messages instead of going out a
 *     few records per message; a telemetry batch is read as a whole multiple of it. A backlog's
 *     last records wait at most {@code pacedBatch} tokens' refill for it; live telemetry keeps
 *     the bucket full and never waits.
 */
public record ForwarderOptions(
    int batchSize,
    double ratePerSecond,
    int burst,
    Duration retryInitial,
    Duration retryMax,
    Duration idlePoll,
    Duration deliveryTimeout,
    int telemetryBatchesInFlight,
    int pacedBatch) {

  public ForwarderOptions {
    Objects.requireNonNull(retryInitial, "retryInitial");
    Objects.requireNonNull(retryMax, "retryMax");
    Objects.requireNonNull(idlePoll, "idlePoll");
    Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("ratePerSecond must be > 0, was " + ratePerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be >= 1, was " + burst);
    }
    if (retryInitial.isNegative() || retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
      throw new IllegalArgumentException("need 0 < retryInitial <= retryMax, were "
          + retryInitial + " and " + retryMax);
    }
    if (idlePoll.isNegative() || idlePoll.isZero()) {
      throw new IllegalArgumentException("idlePoll must be > 0, was " + idlePoll);
    }
    if (deliveryTimeout.isNegative() || deliveryTimeout.isZero()) {
      throw new IllegalArgumentException("deliveryTimeout must be > 0, was " + deliveryTimeout);
    }
    if (telemetryBatchesInFlight < 1) {
      throw new IllegalArgumentException("telemetryBatchesInFlight must be >= 1, was "
          + telemetryBatchesInFlight);
    }
    if (pacedBatch < 1 || pacedBatch > batchSize || pacedBatch > burst) {
      throw new IllegalArgumentException("pacedBatch must be 1 to batchSize (" + batchSize
          + ") and burst (" + burst + "), was " + pacedBatch);
    }
  }

  /**
   * Most telemetry records handed to the sink and not yet acknowledged: what a failure may send
   * again, and what may still arrive from a segment dropped meanwhile.
   */
  public long telemetryRecordsInFlight() {
    return (long) batchSize * telemetryBatchesInFlight;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private int batchSize = 500;
    private double ratePerSecond = 1000;
    private int burst = 2000;
    private Duration retryInitial = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofSeconds(60);
    private Duration idlePoll = Duration.ofSeconds(1);
    private Duration deliveryTimeout = Duration.ofSeconds(60);
    private int telemetryBatchesInFlight = 4;
    private int pacedBatch = 1;

    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder ratePerSecond(double v) { ratePerSecond = v; return this; }
    public Builder burst(int v) { burst = v; return this; }
    public Builder retryInitial(Duration v) { retryInitial = v; return this; }
    public Builder retryMax(Duration v) { retryMax = v; return this; }
    public Builder idlePoll(Duration v) { idlePoll = v; return this; }
    public Builder deliveryTimeout(Duration v) { deliveryTimeout = v; return this; }
    public Builder telemetryBatchesInFlight(int v) { telemetryBatchesInFlight = v; return this; }
    public Builder pacedBatch(int v) { pacedBatch = v; return this; }

    public ForwarderOptions build() {
      return new ForwarderOptions(batchSize, ratePerSecond, burst, retryInitial, retryMax,
          idlePoll, deliveryTimeout, telemetryBatchesInFlight, pacedBatch);
    }
  }
}
