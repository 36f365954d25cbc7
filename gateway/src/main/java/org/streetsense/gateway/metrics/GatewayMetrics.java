package org.streetsense.gateway.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.distribution.TimeWindowMax;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's meters, in one Prometheus registry that {@code /metrics} scrapes.
 *
 * <p>Meter names as scraped: {@code streetsense_readings_total{device}}, {@code
 * streetsense_events_total{device}}, {@code streetsense_publish_latency_seconds} (summary with
 * count and sum, and {@code streetsense_publish_latency_seconds_max}, the largest in the last two
 * minutes), {@code streetsense_backlog_observations}, {@code streetsense_spool_fill_ratio},
 * {@code streetsense_oldest_unsent_seconds}, {@code streetsense_drops_total{reason}}, {@code
 * streetsense_reconnects_total}, {@code streetsense_device_errors_total{device}}, {@code
 * streetsense_uplink_connected}, {@code streetsense_uplink_takeover}, {@code
 * streetsense_uplink_takeovers_total}, plus the JVM and process meters of Micrometer's binders
 * ({@code jvm_*}, {@code process_*}, {@code system_*}).
 *
 * <p>The registry is built at the first scrape, not before (decision 0376): the gateway counts
 * into plain adders and records what each meter reads, so an installation that nobody scrapes
 * never loads Micrometer, Prometheus's model or the JVM's management beans (about 400 classes,
 * 2 MiB of a Pi Zero's memory). Counters lose nothing by this: they read the adders, which count
 * from the start. The JVM binders do: {@code jvm_gc_pause_seconds} counts the pauses after the
 * first scrape; the other JVM meters are read live.
 *
 * <p>Gauges hold their suppliers strongly (Micrometer's default is a weak reference, which
 * would turn a method-reference gauge into NaN after a garbage collection).
 *
 * <p>Threading: every method is thread-safe and non-blocking, except the first call of {@link
 * #scrape()} or {@link #registry()}, which loads the registry's classes (about 0.1 s on a Pi):
 * call those on a worker thread, as {@code /metrics} does. Counting methods may be called from
 * any thread, event loops included. Gauge suppliers are called on the scraping thread and must
 * be cheap and non-blocking.
 */
public final class GatewayMetrics implements AutoCloseable {

  /** Micrometer's window for a timer's max: two minutes in three rotating buffers. */
  private static final long MAX_ROTATE_MILLIS = 40_000;
  private static final int MAX_BUFFERS = 3;

  private final String installation;
  private final Object lock = new Object();
  /** Meters to add when the registry is built; guarded by {@link #lock}. */
  private final List<Consumer<MeterRegistry>> pending = new ArrayList<>();
  /** Null until the first scrape; written under {@link #lock}. */
  private volatile PrometheusMeterRegistry registry;
  private JvmGcMetrics gcMetrics;
  private boolean closed;
  private final Map<String, LongAdder> readings = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> events = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();
  private final LongAdder reconnects = new LongAdder();
  private final LongAdder publishedCount = new LongAdder();
  private final LongAdder publishedNanos = new LongAdder();
  private final TimeWindowMax publishedMax =
      new TimeWindowMax(Clock.SYSTEM, MAX_ROTATE_MILLIS, MAX_BUFFERS);
  /** Keeps running-total suppliers alive: function counters hold them weakly. */
  private final List<Object> strongRefs = new CopyOnWriteArrayList<>();

  /**
   * Creates the meters' bookkeeping; the registry itself is built at the first scrape.
   *
   * @param installation installation id, added as the common tag {@code installation}
   */
  public GatewayMetrics(String installation) {
    this.installation = Objects.requireNonNull(installation, "installation");
    strongRefs.add(publishedCount);
    strongRefs.add(publishedNanos);
    strongRefs.add(reconnects);
    add(r -> FunctionTimer.builder("streetsense.publish.latency", this,
            m -> m.publishedCount.sum(), m -> m.publishedNanos.doubleValue(),
            TimeUnit.NANOSECONDS)
        .description("Time from accepting an observation to the broker's acknowledgement")
        .register(r));
    add(r -> Gauge.builder("streetsense.publish.latency.seconds.max", publishedMax,
            m -> m.poll(TimeUnit.SECONDS))
        .description("Largest time from accepting an observation to the broker's "
            + "acknowledgement in the last two minutes")
        .strongReference(true)
        .register(r));
    add(r -> FunctionCounter.builder("streetsense.reconnects", reconnects, LongAdder::doubleValue)
        .description("Uplink reconnections")
        .register(r));
  }

  /** Counts one accepted reading of {@code device}. */
  public void readingAccepted(String device) {
    counter(readings, "streetsense.readings", "device", device).increment();
  }

  /** Counts one accepted interaction event of {@code device}. */
  public void eventAccepted(String device) {
    counter(events, "streetsense.events", "device", device).increment();
  }

  /** Records the time from acceptance to broker acknowledgement of one observation. */
  public void published(Duration latency) {
    long nanos = Objects.requireNonNull(latency, "latency").toNanos();
    publishedCount.increment();
    publishedNanos.add(nanos);
    publishedMax.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Records {@code count} observations acknowledged by the broker at once, {@code totalMillis}
   * their summed times from acceptance to acknowledgement and {@code maxMillis} the longest.
   */
  public void published(long count, long totalMillis, long maxMillis) {
    if (count < 0 || totalMillis < 0 || maxMillis < 0) {
      throw new IllegalArgumentException("count and times must be >= 0, were " + count + ", "
          + totalMillis + ", " + maxMillis);
    }
    publishedCount.add(count);
    publishedNanos.add(TimeUnit.MILLISECONDS.toNanos(totalMillis));
    publishedMax.record(maxMillis, TimeUnit.MILLISECONDS);
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
    counter(drops, "streetsense.drops", "reason", reason).add(count);
  }

  /** Gauge of observations not yet acknowledged by the broker. */
  public void backlogGauge(Supplier<? extends Number> depth) {
    numberGauge("streetsense.backlog", "observations", "Observations not yet acknowledged", depth);
  }

  /** Gauge of how full the spool is, 0..1. */
  public void spoolFillGauge(Supplier<? extends Number> fill) {
    numberGauge("streetsense.spool.fill", "ratio", "Spool fill, 0..1 of its cap", fill);
  }

  /** Gauge of the age of the oldest unsent observation. */
  public void oldestUnsentGauge(Supplier<Duration> age) {
    Objects.requireNonNull(age, "age");
    add(r -> Gauge.builder("streetsense.oldest.unsent", age, d -> d.get().toNanos() / 1e9)
        .description("Age of the oldest unsent observation")
        .baseUnit("seconds")
        .strongReference(true)
        .register(r));
  }

  /** Gauge that is 1 while the uplink is connected, else 0. */
  public void connectedGauge(Supplier<Boolean> connected) {
    Objects.requireNonNull(connected, "connected");
    add(r -> Gauge.builder("streetsense.uplink.connected", connected, c -> c.get() ? 1 : 0)
        .description("1 while the broker connection is up")
        .strongReference(true)
        .register(r));
  }

  /** Gauge that is 1 while a client-id takeover of the uplink is probable, else 0. */
  public void takeoverGauge(Supplier<Boolean> suspected) {
    Objects.requireNonNull(suspected, "suspected");
    add(r -> Gauge.builder("streetsense.uplink.takeover", suspected, c -> c.get() ? 1 : 0)
        .description("1 while a client id takeover of the MQTT session is probable")
        .strongReference(true)
        .register(r));
  }

  /**
   * Registers drops by reason from a supplier of running totals, for components that count drops
   * themselves; scraped as {@code streetsense_dropped_observations{reason}}.
   */
  public void dropsGauge(String reason, Supplier<? extends Number> total) {
    Objects.requireNonNull(total, "total");
    add(r -> Gauge.builder("streetsense.dropped", total, n -> n.get().doubleValue())
        .description("Observations dropped so far, by reason")
        .baseUnit("observations")
        .tag("reason", reason)
        .strongReference(true)
        .register(r));
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
    add(r -> FunctionCounter.builder("streetsense." + name, total, n -> n.get().doubleValue())
        .description(description)
        .tags(tags)
        .register(r));
    strongRefs.add(total);
  }

  /**
   * Registers a gauge of {@code obj}, scraped as {@code streetsense_<name>} (dots become
   * underscores); the gauge holds {@code obj} strongly.
   *
   * @param name dotted meter name without the {@code streetsense.} prefix
   * @param tags alternating tag keys and values
   */
  public <T> void gauge(String name, String description, T obj, ToDoubleFunction<T> value,
      String... tags) {
    Objects.requireNonNull(obj, "obj");
    Objects.requireNonNull(value, "value");
    add(r -> Gauge.builder("streetsense." + name, obj, value)
        .description(description)
        .tags(tags)
        .strongReference(true)
        .register(r));
  }

  /**
   * The registry, built with every meter registered so far if this is the first call (which
   * loads its classes: call it off the event loops).
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry r = registry;
    if (r != null) {
      return r;
    }
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("metrics closed");
      }
      if (registry == null) {
        PrometheusMeterRegistry built = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        built.config().commonTags("installation", installation);
        new ClassLoaderMetrics().bindTo(built);
        new JvmMemoryMetrics().bindTo(built);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(built);
        new JvmThreadMetrics().bindTo(built);
        new ProcessorMetrics().bindTo(built);
        new UptimeMetrics().bindTo(built);
        pending.forEach(p -> p.accept(built));
        pending.clear();
        registry = built;
      }
      return registry;
    }
  }

  /** Whether the registry has been built (by a scrape); for tests and diagnostics. */
  public boolean registryBuilt() {
    return registry != null;
  }

  /**
   * The Prometheus text exposition of every meter. The first call builds the registry (see
   * {@link #registry()}).
   */
  public String scrape() {
    return registry().scrape();
  }

  /** Current value of {@code streetsense_readings_total} summed over devices, for tests. */
  public double readingsTotal() {
    long total = 0;
    for (LongAdder a : readings.values()) {
      total += a.sum();
    }
    return total;
  }

  /** Stops the GC listener and closes the registry, if it was built. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      pending.clear();
      if (registry != null) {
        gcMetrics.close();
        registry.close();
      }
    }
  }

  /** Adds a meter now if the registry is built, else when it is. */
  private void add(Consumer<MeterRegistry> meter) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (registry == null) {
        pending.add(meter);
        return;
      }
    }
    meter.accept(registry);
  }

  /** The adder of one tagged counter, registering its meter when it is first counted. */
  private LongAdder counter(Map<String, LongAdder> adders, String name, String tag,
      String value) {
    LongAdder adder = adders.get(value);
    if (adder != null) {
      return adder;
    }
    Objects.requireNonNull(value, tag);
    LongAdder created = new LongAdder();
    LongAdder raced = adders.putIfAbsent(value, created);
    if (raced != null) {
      return raced;
    }
    add(r -> FunctionCounter.builder(name, created, LongAdder::doubleValue)
        .tag(tag, value)
        .register(r));
    return created;
  }

  private void numberGauge(String name, String unit, String help, Supplier<? extends Number> value) {
    Objects.requireNonNull(value, name);
    add(r -> Gauge.builder(name, value, v -> v.get().doubleValue())
        .description(help)
        .baseUnit(unit)
        .strongReference(true)
        .register(r));
  }

  /** Drops by reason as a map, e.g. for a status page; empty when none. */
  public Map<String, Double> dropsByReason() {
    Map<String, Double> out = new TreeMap<>();
    drops.forEach((reason, n) -> out.put(reason, n.doubleValue()));
    return out;
  }
}
