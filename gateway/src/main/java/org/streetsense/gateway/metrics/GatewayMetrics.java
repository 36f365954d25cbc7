package org.streetsense.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's meters, in one Prometheus registry that {@code /metrics} scrapes.
 *
 * <p>Meter names as scraped: {@code streetsense_readings_total{device}}, {@code
 * streetsense_events_total{device}}, {@code streetsense_publish_latency_seconds} (summary with
 * count, sum and max), {@code streetsense_backlog_observations}, {@code
 * streetsense_spool_fill_ratio}, {@code streetsense_oldest_unsent_seconds}, {@code
 * streetsense_drops_total{reason}}, {@code streetsense_reconnects_total}, {@code
 * streetsense_device_errors_total{device}}, {@code streetsense_uplink_connected}, {@code
 * streetsense_uplink_takeover}, {@code streetsense_uplink_takeovers_total}, plus the JVM
 * and process meters of Micrometer's binders ({@code jvm_*}, {@code process_*}, {@code
 * system_*}).
 *
 * <p>Gauges hold their suppliers strongly (Micrometer's default is a weak reference, which
 * would turn a method-reference gauge into NaN after a garbage collection).
 *
 * <p>Threading: every method is thread-safe and non-blocking; call it from any thread, event
 * loops included. Gauge suppliers are called on the scraping thread and must be cheap and
 * non-blocking.
 */
public final class GatewayMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final Timer publishLatency;
  private final Counter reconnects;
  private final JvmGcMetrics gcMetrics;
  /** Keeps running-total suppliers alive: function counters hold them weakly. */
  private final List<Object> strongRefs = new CopyOnWriteArrayList<>();

  /**
   * Creates the registry and binds the JVM meters.
   *
   * @param installation installation id, added as the common tag {@code installation}
   */
  public GatewayMetrics(String installation) {
    Objects.requireNonNull(installation, "installation");
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("installation", installation);
    publishLatency = Timer.builder("streetsense.publish.latency")
        .description("Time from accepting an observation to the broker's acknowledgement")
        .register(registry);
    reconnects = Counter.builder("streetsense.reconnects")
        .description("Uplink reconnections")
        .register(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Counts one accepted reading of {@code device}. */
  public void readingAccepted(String device) {
    registry.counter("streetsense.readings", "device", device).increment();
  }

  /** Counts one accepted interaction event of {@code device}. */
  public void eventAccepted(String device) {
    registry.counter("streetsense.events", "device", device).increment();
  }

  /** Records the time from acceptance to broker acknowledgement of one observation. */
  public void published(Duration latency) {
    publishLatency.record(Objects.requireNonNull(latency, "latency"));
  }

  /** Counts one uplink reconnection. */
  public void reconnected() {
    reconnects.increment();
  }

  /** Counts {@code count} observations dropped for {@code reason} (for example spool_full). */
  public void dropped(String reason, long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    registry.counter("streetsense.drops", "reason", reason).increment(count);
  }

  /** Gauge of observations not yet acknowledged by the broker. */
  public void backlogGauge(Supplier<? extends Number> depth) {
    gauge("streetsense.backlog", "observations", "Observations not yet acknowledged", depth);
  }

  /** Gauge of how full the spool is, 0..1. */
  public void spoolFillGauge(Supplier<? extends Number> fill) {
    gauge("streetsense.spool.fill", "ratio", "Spool fill, 0..1 of its cap", fill);
  }

  /** Gauge of the age of the oldest unsent observation. */
  public void oldestUnsentGauge(Supplier<Duration> age) {
    Objects.requireNonNull(age, "age");
    Gauge.builder("streetsense.oldest.unsent", age, d -> d.get().toNanos() / 1e9)
        .description("Age of the oldest unsent observation")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  /** Gauge that is 1 while the uplink is connected, else 0. */
  public void connectedGauge(Supplier<Boolean> connected) {
    Objects.requireNonNull(connected, "connected");
    Gauge.builder("streetsense.uplink.connected", connected, c -> c.get() ? 1 : 0)
        .description("1 while the broker connection is up")
        .strongReference(true)
        .register(registry);
  }

  /** Gauge that is 1 while a client-id takeover of the uplink is probable, else 0. */
  public void takeoverGauge(Supplier<Boolean> suspected) {
    Objects.requireNonNull(suspected, "suspected");
    Gauge.builder("streetsense.uplink.takeover", suspected, c -> c.get() ? 1 : 0)
        .description("1 while a client id takeover of the MQTT session is probable")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Registers drops by reason from a supplier of running totals, for components that count drops
   * themselves; scraped as {@code streetsense_dropped_observations{reason}}.
   */
  public void dropsGauge(String reason, Supplier<? extends Number> total) {
    Objects.requireNonNull(total, "total");
    Gauge.builder("streetsense.dropped", total, n -> n.get().doubleValue())
        .description("Observations dropped so far, by reason")
        .baseUnit("observations")
        .tag("reason", reason)
        .strongReference(true)
        .register(registry);
  }

  /**
   * Registers a running total kept elsewhere (a monotonically growing count) as a counter,
   * scraped as {@code streetsense_<name>_total}; every meter of one name must use the same tag
   * keys.
   *
   * @param name dotted meter name without the {@code streetsense.} prefix
   * @param tags alternating tag keys and values
   */
  public void total(String name, String description, Supplier<? extends Number> total,
      String... tags) {
    Objects.requireNonNull(total, "total");
    FunctionCounter.builder("streetsense." + name, total, n -> n.get().doubleValue())
        .description(description)
        .tags(tags)
        .register(registry);
    strongRefs.add(total);
  }

  /** The registry, for components that add their own meters. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** Current value of {@code streetsense_readings_total} summed over devices, for tests. */
  public double readingsTotal() {
    return sum(registry.find("streetsense.readings").counters(), Counter::count);
  }

  /** Stops the GC listener and closes the registry. */
  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }

  private void gauge(String name, String unit, String help, Supplier<? extends Number> value) {
    Objects.requireNonNull(value, name);
    Gauge.builder(name, value, v -> v.get().doubleValue())
        .description(help)
        .baseUnit(unit)
        .strongReference(true)
        .register(registry);
  }

  private static <T> double sum(Iterable<T> meters, ToDoubleFunction<T> f) {
    double total = 0;
    for (T meter : meters) {
      total += f.applyAsDouble(meter);
    }
    return total;
  }

  /** Drops by reason as a map, e.g. for a status page; empty when none. */
  public Map<String, Double> dropsByReason() {
    Map<String, Double> out = new java.util.TreeMap<>();
    registry.find("streetsense.drops").counters()
        .forEach(c -> out.put(c.getId().getTag("reason"), c.count()));
    return out;
  }
}
