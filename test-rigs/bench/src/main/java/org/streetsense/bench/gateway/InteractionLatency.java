package org.streetsense.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.streetsense.bench.Workload;
import org.streetsense.bench.broker.CountingSubscriber;
import org.streetsense.gateway.sink.mqtt.MqttSinkOptions;
import org.streetsense.gateway.spool.FsyncPolicy;

/**
 * Interaction latency from the moment an interaction event is handed to the spool (where the
 * pipeline hands over every event) until a QoS 1 subscriber to the events receives it, through the
 * gateway's real spool, forwarder, MqttSink and Paho uplink. {@code events} events are sent one
 * every {@code period}; with {@code backgroundPerSecond > 0}, telemetry readings are appended
 * meanwhile at that rate (in chunks every 10 ms), started one second before the first event.
 * Each event carries its index in its value field; arrival time at the subscriber minus hand-over
 * time, both on the clock of {@link System#nanoTime()} (the subscriber's tap gives the arrival
 * time), is one sample. The spool runs with its default options
 * and the given fsync policy; the sink publishes in the given mode ({@link #BATCHED}: what
 * {@code uplink.mqtt.readingsPerMessage: 500} selects, as the rows with targets; or one reading
 * per message, the file's default).
 */
public final class InteractionLatency {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param latency the samples
   * @param backgroundRate telemetry readings/s the subscriber received while sampling (0 idle)
   */
  public record Result(Percentiles latency, double backgroundRate, int sent) { }

  /**
   * The sink mode of the rows with targets, as the gateway builds it from an installation file
   * with {@code uplink.mqtt.readingsPerMessage: 500} (and the default QoS 1): readings in arrays
   * of up to 500, events one per message.
   */
  public static final MqttSinkOptions BATCHED = MqttSinkOptions.of(500, 1);

  private InteractionLatency() {}

  /**
   * @param sub subscriber to the installation's events (its tap times them)
   * @param readings subscriber to its readings (counts the background received)
   */
  public static Result run(Path spoolDir, String brokerUrl, CountingSubscriber sub,
      CountingSubscriber readings, int events, Duration period, int backgroundPerSecond,
      FsyncPolicy fsync, MqttSinkOptions mode, Duration timeout) throws Exception {
    AtomicLongArray sentAt = new AtomicLongArray(events);
    long[] samples = new long[events];
    AtomicInteger got = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(events);
    sub.reset();
    sub.tap((topic, payload, now) -> {
      if (!topic.endsWith("/edge/event")) {
        return;
      }
      try {
        JsonNode n = JSON.readTree(payload);
        for (JsonNode e : n.isArray() ? n : JSON.createArrayNode().add(n)) {
          int id = e.path("value").asInt(-1);
          if (id >= 0 && id < events && sentAt.get(id) != 0) {
            int i = got.getAndIncrement();
            if (i < events) {
              samples[i] = now - sentAt.get(id);
              all.countDown();
            }
          }
        }
      } catch (java.io.IOException ex) {
        throw new IllegalStateException("unreadable event payload on " + topic, ex);
      }
    });
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    try (GatewayRig rig = GatewayRig.start(spoolDir, brokerUrl, mode, 500, 10_000_000, fsync)) {
      rig.startBackgroundTelemetry(clock, backgroundPerSecond);
      long readingsBefore = readings.readings();
      long sampleStart = System.nanoTime();
      AtomicInteger next = new AtomicInteger();
      clock.scheduleAtFixedRate(() -> {
        int id = next.getAndIncrement();
        if (id < events) {
          var e = Workload.event(id);
          sentAt.set(id, System.nanoTime());
          rig.spool().append(e);
        }
      }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
      all.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      double seconds = (System.nanoTime() - sampleStart) / 1e9;
      long background = readings.readings() - readingsBefore;
      clock.shutdownNow();
      double rate = backgroundPerSecond > 0 && seconds > 0 ? background / seconds : 0;
      return new Result(Percentiles.of(samples, Math.min(events, got.get())), rate, events);
    } finally {
      clock.shutdownNow();
      sub.tap((t, p, at) -> { });
    }
  }

  /**
   * The bare Paho loop's latency ({@link org.streetsense.bench.baseline.PahoLoop#latency}: publish
   * at QoS 1 on {@code topic}, wait for {@code sub} to receive it) while a gateway rig appends and
   * forwards {@code backgroundPerSecond} telemetry readings as in {@link #run}: what the machine
   * allows a message that does not pass through the gateway, under the same load.
   *
   * @return the samples, in ns
   */
  public static long[] pahoUnderLoad(Path spoolDir, String brokerUrl, CountingSubscriber sub,
      String topic, byte[] payload, int messages, Duration period, int backgroundPerSecond,
      Duration timeout) throws Exception {
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    try (GatewayRig rig = GatewayRig.start(spoolDir, brokerUrl, BATCHED, 500, 10_000_000,
        FsyncPolicy.GROUP)) {
      rig.startBackgroundTelemetry(clock, backgroundPerSecond);
      return org.streetsense.bench.baseline.PahoLoop.latency(brokerUrl, topic, payload, messages,
          period, sub, timeout);
    } finally {
      clock.shutdownNow();
    }
  }
}
