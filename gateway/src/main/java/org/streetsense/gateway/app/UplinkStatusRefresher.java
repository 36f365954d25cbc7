package org.streetsense.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.streetsense.gateway.metrics.GatewayMetrics;
import org.streetsense.gateway.spool.ReplayProgress;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.spool.SpoolForwarder;
import org.streetsense.gateway.spool.SpoolStats;
import org.streetsense.gateway.status.UplinkStatus;
import org.streetsense.gateway.uplink.MqttUplink;

/**
 * Keeps the uplink part of the live status and the spool gauges current: once a second, on the
 * event loop, it reads the spool's counters and each forwarder's progress (both futures; nothing
 * blocks).
 */
final class UplinkStatusRefresher {

  private static final long PERIOD_MS = 1000;

  private UplinkStatusRefresher() {}

  static void start(Vertx vertx, Spool spool, List<SpoolForwarder> forwarders, MqttUplink uplink,
      LiveStatus status, GatewayMetrics metrics, String brokerUrl) {
    AtomicReference<SpoolStats> lastStats = new AtomicReference<>();
    AtomicReference<Long> backlog = new AtomicReference<>(0L);
    metrics.backlogGauge(backlog::get);
    metrics.connectedGauge(uplink::isConnected);
    for (String reason : java.util.List.of("spool_full", "expired", "corrupt", "disk_full")) {
      metrics.dropsGauge(reason, () -> {
        SpoolStats s = lastStats.get();
        return s == null ? 0L : s.dropsByReason().getOrDefault(reason, 0L);
      });
    }
    metrics.spoolFillGauge(() -> {
      SpoolStats s = lastStats.get();
      return s == null ? 0 : s.bytes();
    });
    vertx.setPeriodic(PERIOD_MS, id -> {
      List<Future<ReplayProgress>> progress = new ArrayList<>();
      forwarders.forEach(f -> progress.add(f.progress()));
      Future<SpoolStats> statsFuture = spool.stats();
      Future.all(statsFuture, Future.all(progress)).onSuccess(all -> {
        SpoolStats stats = statsFuture.result();
        lastStats.set(stats);
        long depth = 0;
        boolean replaying = false;
        long delivered = 0;
        for (Future<ReplayProgress> f : progress) {
          ReplayProgress p = f.result();
          depth = Math.max(depth, p.backlog());
          delivered += p.delivered();
          replaying |= p.backlog() > 0;
        }
        backlog.set(depth);
        long oldest = stats == null ? 0 : stats.oldestUnsentAgeMillisPerSink().values().stream()
            .mapToLong(Long::longValue).max().orElse(0);
        double total = depth + delivered;
        status.uplink(new UplinkStatus(uplink.isConnected(), brokerUrl, depth, 0,
            Duration.ofMillis(oldest), stats == null ? java.util.Map.of() : stats.dropsByReason(), 0,
            replaying, total == 0 ? 1.0 : delivered / total));
      });
    });
  }
}
