package org.streetsense.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.streetsense.gateway.metrics.GatewayMetrics;
import org.streetsense.gateway.spool.ReplayProgress;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.spool.SpoolForwarder;
import org.streetsense.gateway.spool.SpoolStats;
import org.streetsense.gateway.status.UplinkStatus;
import org.streetsense.gateway.uplink.ConnectionState;
import org.streetsense.gateway.uplink.MqttUplink;

/**
 * Keeps the uplink part of the live status and the spool and uplink gauges current: once a
 * second, on the event loop, it reads the spool's counters and each forwarder's progress (both
 * futures; nothing blocks); it counts reconnects as the uplink reports them.
 */
final class UplinkStatusRefresher {

  private static final long PERIOD_MS = 1000;

  private UplinkStatusRefresher() {}

  /** How full the spool is, 0..1. */
  static double fill(SpoolStats stats, long maxBytes) {
    return stats == null || maxBytes <= 0 ? 0 : Math.min(1.0, stats.bytes() / (double) maxBytes);
  }

  /**
   * @param spoolMaxBytes the spool's cap, to report how full it is (0..1)
   * @return the id of the periodic timer, to cancel when the gateway stops on a Vert.x that
   *     outlives it
   */
  static long start(Vertx vertx, Spool spool, long spoolMaxBytes, List<SpoolForwarder> forwarders,
      MqttUplink uplink, LiveStatus status, GatewayMetrics metrics, String brokerUrl) {
    AtomicReference<SpoolStats> lastStats = new AtomicReference<>();
    AtomicReference<Long> backlog = new AtomicReference<>(0L);
    AtomicReference<Duration> oldestUnsent = new AtomicReference<>(Duration.ZERO);
    AtomicLong connects = new AtomicLong();
    uplink.onConnectionChange(state -> {
      // Every session after the first is a reconnect.
      if (state.status() == ConnectionState.Status.CONNECTED && connects.incrementAndGet() > 1) {
        metrics.reconnected();
      }
    });
    metrics.backlogGauge(backlog::get);
    metrics.oldestUnsentGauge(oldestUnsent::get);
    metrics.connectedGauge(uplink::isConnected);
    metrics.takeoverGauge(uplink::takeoverSuspected);
    metrics.total("uplink.takeovers", "MQTT sessions lost to a probable client id takeover",
        uplink::takeoverLosses);
    for (String reason : java.util.List.of("spool_full", "expired", "corrupt", "disk_full")) {
      metrics.dropsGauge(reason, () -> {
        SpoolStats s = lastStats.get();
        return s == null ? 0L : s.dropsByReason().getOrDefault(reason, 0L);
      });
    }
    metrics.spoolFillGauge(() -> fill(lastStats.get(), spoolMaxBytes));
    ReplayEstimate replay = new ReplayEstimate();
    return vertx.setPeriodic(PERIOD_MS, id -> {
      List<Future<ReplayProgress>> progress = new ArrayList<>();
      forwarders.forEach(f -> progress.add(f.progress()));
      Future<SpoolStats> statsFuture = spool.stats();
      Future.all(statsFuture, Future.all(progress)).onSuccess(all -> {
        SpoolStats stats = statsFuture.result();
        lastStats.set(stats);
        long depth = 0;
        long delivered = 0;
        for (Future<ReplayProgress> f : progress) {
          ReplayProgress p = f.result();
          depth = Math.max(depth, p.backlog());
          delivered += p.delivered();
        }
        backlog.set(depth);
        long oldest = stats == null ? 0 : stats.oldestUnsentAgeMillisPerSink().values().stream()
            .mapToLong(Long::longValue).max().orElse(0);
        oldestUnsent.set(Duration.ofMillis(oldest));
        boolean connected = uplink.isConnected();
        ReplayEstimate.Replay r = replay.update(connected, depth, delivered);
        status.uplink(new UplinkStatus(connected, brokerUrl, depth, fill(stats, spoolMaxBytes),
            Duration.ofMillis(oldest), stats == null ? java.util.Map.of() : stats.dropsByReason(),
            Math.max(0, connects.get() - 1), r.inProgress(), r.progress(),
            uplink.takeoverSuspected()));
      });
    });
  }
}
