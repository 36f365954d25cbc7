package org.streetsense.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

  @Test
  void scrapesGatewayAndJvmMetersInPrometheusFormat() {
    try (GatewayMetrics metrics = new GatewayMetrics("kosice-fountain-01")) {
      AtomicLong backlog = new AtomicLong(42);
      metrics.backlogGauge(backlog::get);
      metrics.spoolFillGauge(() -> 0.25);
      metrics.oldestUnsentGauge(() -> Duration.ofSeconds(90));
      metrics.connectedGauge(() -> true);
      metrics.readingAccepted("air-1");
      metrics.readingAccepted("air-1");
      metrics.readingAccepted("light-1");
      metrics.published(Duration.ofMillis(120));
      metrics.total("device.errors", "Errors of a device since the gateway started", () -> 1,
          "device", "air-1");
      metrics.reconnected();
      metrics.dropped("spool_full", 3);
      String text = metrics.scrape();
      assertThat(text).contains(
          "streetsense_readings_total{device=\"air-1\",installation=\"kosice-fountain-01\"} 2.0",
          "streetsense_device_errors_total{device=\"air-1\"",
          "streetsense_reconnects_total{installation=\"kosice-fountain-01\"} 1.0",
          "streetsense_drops_total{installation=\"kosice-fountain-01\",reason=\"spool_full\"} 3.0",
          "streetsense_backlog_observations{installation=\"kosice-fountain-01\"} 42.0",
          "streetsense_oldest_unsent_seconds{installation=\"kosice-fountain-01\"} 90.0",
          "streetsense_uplink_connected",
          "streetsense_publish_latency_seconds_count{installation=\"kosice-fountain-01\"} 1",
          "jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
          "system_cpu_count", "process_uptime_seconds");
      assertThat(metrics.readingsTotal()).isEqualTo(3);
      backlog.set(7);
      assertThat(metrics.scrape())
          .contains("streetsense_backlog_observations{installation=\"kosice-fountain-01\"} 7.0");
    }
  }

  @Test
  void exportsRunningTotalsKeptElsewhereAsCounters() {
    try (GatewayMetrics metrics = new GatewayMetrics("kosice-fountain-01")) {
      AtomicLong refused = new AtomicLong(3);
      metrics.total("commands.rejected", "Commands refused, by reason", refused::get,
          "reason", "out_of_range");
      assertThat(metrics.scrape()).contains("streetsense_commands_rejected_total{"
          + "installation=\"kosice-fountain-01\",reason=\"out_of_range\"} 3.0");
      refused.set(5);
      System.gc();
      assertThat(metrics.scrape()).contains("streetsense_commands_rejected_total{"
          + "installation=\"kosice-fountain-01\",reason=\"out_of_range\"} 5.0");
    }
  }
}
