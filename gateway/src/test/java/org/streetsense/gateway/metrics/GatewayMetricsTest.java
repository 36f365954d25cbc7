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

  @Test
  void buildsTheRegistryAtTheFirstScrapeWithEverythingCountedBefore() {
    try (GatewayMetrics metrics = new GatewayMetrics("kosice-fountain-01")) {
      metrics.readingAccepted("air-1");
      metrics.eventAccepted("button-1");
      metrics.dropped("expired", 2);
      metrics.reconnected();
      metrics.published(Duration.ofMillis(40));
      metrics.gauge("http.connections.open", "open now", new AtomicLong(4), AtomicLong::get);
      assertThat(metrics.registryBuilt()).isFalse();
      assertThat(metrics.readingsTotal()).isEqualTo(1);
      assertThat(metrics.dropsByReason()).containsEntry("expired", 2.0);
      assertThat(metrics.registryBuilt()).as("counts are read without the registry").isFalse();

      String text = metrics.scrape();

      assertThat(metrics.registryBuilt()).isTrue();
      assertThat(text).contains(
          "streetsense_readings_total{device=\"air-1\",installation=\"kosice-fountain-01\"} 1.0",
          "streetsense_events_total{device=\"button-1\",installation=\"kosice-fountain-01\"} 1.0",
          "streetsense_drops_total{installation=\"kosice-fountain-01\",reason=\"expired\"} 2.0",
          "streetsense_reconnects_total{installation=\"kosice-fountain-01\"} 1.0",
          "streetsense_publish_latency_seconds_count{installation=\"kosice-fountain-01\"} 1",
          "streetsense_publish_latency_seconds_sum{installation=\"kosice-fountain-01\"} 0.04",
          "streetsense_publish_latency_seconds_max{installation=\"kosice-fountain-01\"} 0.04",
          "streetsense_http_connections_open{installation=\"kosice-fountain-01\"} 4.0",
          "jvm_memory_used_bytes");
    }
  }

  @Test
  void countsAndMetersAddedAfterTheFirstScrapeAreExportedToo() {
    try (GatewayMetrics metrics = new GatewayMetrics("kosice-fountain-01")) {
      metrics.scrape();
      metrics.readingAccepted("light-1");
      metrics.readingAccepted("light-1");
      metrics.dropped("spool_full", 5);
      metrics.total("osc.datagrams", "OSC datagrams received", () -> 9);
      assertThat(metrics.scrape()).contains(
          "streetsense_readings_total{device=\"light-1\",installation=\"kosice-fountain-01\"} 2.0",
          "streetsense_drops_total{installation=\"kosice-fountain-01\",reason=\"spool_full\"} 5.0",
          "streetsense_osc_datagrams_total{installation=\"kosice-fountain-01\"} 9.0");
    }
  }

  @Test
  void aClosedRegistryIsNeverBuilt() {
    GatewayMetrics metrics = new GatewayMetrics("kosice-fountain-01");
    metrics.readingAccepted("air-1");
    metrics.close();
    assertThat(metrics.registryBuilt()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(metrics::scrape)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
