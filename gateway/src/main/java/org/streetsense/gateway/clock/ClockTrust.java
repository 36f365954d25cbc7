package org.streetsense.gateway.clock;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.ObservedTime;

/**
 * Decides whether the wall clock can be trusted, stamps observations, and re-stamps the ones
 * taken before trust.
 *
 * <p>Rule: the clock is trusted once the OS reports it synchronised ({@link SyncProbe}) or it
 * reads past the configured sanity floor (for example the release date: a Pi without an RTC
 * boots in 1970 or at the last fake-hwclock save). Trust is a latch: once trusted it stays so
 * for the life of this object (a later NTP step is small compared with the boot error).
 *
 * <p>Re-stamping: an observation taken before trust, in this boot, gets
 * {@code epoch = trustedNow - (monoNow - monoObs) / 1e6} and is marked trusted. One from another
 * boot cannot be re-stamped (monotonic clocks restart at boot): it is delivered unchanged,
 * still flagged {@code clockTrusted=false}, and sinks publish that flag.
 *
 * <p>Thread-safe. {@link #isTrusted()} and the stamping methods never block; {@link #refresh()}
 * runs the probe and blocks.
 */
public final class ClockTrust {

  private static final Logger LOG = LoggerFactory.getLogger(ClockTrust.class);
  private final TimeSource time;
  private final Instant sanityFloor;
  private final SyncProbe probe;
  private final String bootId;
  private volatile boolean trusted;

  public ClockTrust(TimeSource time, Instant sanityFloor, SyncProbe probe, String bootId) {
    this.time = Objects.requireNonNull(time, "time");
    this.sanityFloor = Objects.requireNonNull(sanityFloor, "sanityFloor");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.bootId = Objects.requireNonNull(bootId, "bootId");
    this.trusted = pastFloor();
  }

  /** Whether the wall clock is trusted now (cheap; see {@link #refresh()}). */
  public boolean isTrusted() {
    if (!trusted && pastFloor()) {
      trust("wall clock past the sanity floor " + sanityFloor);
    }
    return trusted;
  }

  /** Runs the sync probe (blocking) and updates trust; returns the result. */
  public boolean refresh() {
    if (!isTrusted() && probe.synchronised()) {
      trust("system clock synchronised");
    }
    return trusted;
  }

  /**
   * Refreshes on a worker every {@code period} until trusted; returns the periodic timer's id
   * (cancel it when the owner stops on a Vert.x that outlives it).
   */
  public long watch(Vertx vertx, Duration period) {
    if (!trusted) {
      vertx.executeBlocking(this::refresh, false);
    }
    return vertx.setPeriodic(period.toMillis(), id -> {
      if (trusted) {
        vertx.cancelTimer(id);
        return;
      }
      vertx.executeBlocking(this::refresh, false);
    });
  }

  /** The time of an observation taken now. */
  public ObservedTime stamp() {
    return new ObservedTime(time.wallMillis(), time.monotonicNanos(), isTrusted());
  }

  /**
   * The observation as it may be delivered now, or empty if it must wait for trust.
   *
   * @param recordBootId boot id under which the observation was taken
   */
  public Optional<Observation> restamp(Observation o, String recordBootId) {
    ObservedTime t = o.time();
    if (t.clockTrusted()) {
      return Optional.of(o);
    }
    if (!bootId.equals(recordBootId)) {
      return Optional.of(o);
    }
    if (!isTrusted()) {
      return Optional.empty();
    }
    long ageMillis = (time.monotonicNanos() - t.monotonicNanos()) / 1_000_000L;
    return Optional.of(o.withTime(t.restamped(time.wallMillis() - ageMillis)));
  }

  public String bootId() {
    return bootId;
  }

  private boolean pastFloor() {
    return time.wallMillis() >= sanityFloor.toEpochMilli();
  }

  private synchronized void trust(String why) {
    if (!trusted) {
      trusted = true;
      LOG.info("Clock trusted: {}; earlier observations of this boot will be re-stamped", why);
    }
  }
}
