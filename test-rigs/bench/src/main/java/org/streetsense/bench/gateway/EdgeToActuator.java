package org.streetsense.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.streetsense.bench.broker.CountingSubscriber;
import org.streetsense.gateway.hardware.simulated.EdgeScript;
import org.streetsense.gateway.hardware.simulated.LevelChange;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.sink.mqtt.MqttSinkOptions;
import org.streetsense.gateway.spool.FsyncPolicy;

/**
 * Local reflex and edge-to-event latency. A {@link ReflexRig} (simulated GPIO, the real button
 * driver with its default 20 ms software debounce, reflex engine, command processor and a
 * simulated LED output) feeds a {@link GatewayRig} (spool, forwarder, MqttSink, Paho uplink).
 * {@code presses} clean presses (no contact bounce; held 80 ms, the shortest press of the simulated street, so each gives a {@code press} and
 * a {@code release}) are played on the pin one every {@code period}. For each press the edge time
 * is the {@link org.streetsense.gateway.hardware.EdgeEvent} stamp of its falling edge
 * ({@link System#nanoTime()}, the simulated backend's monotonic clock), and three samples are
 * taken: when its {@code press} event is handed to the spool, when a QoS 1 subscriber on the
 * bench broker receives it (matched by the spool sequence number), and when the LED output
 * records the write the reflex caused (its {@link LevelChange} stamp, matched to the latest press
 * before it). With {@code backgroundPerSecond > 0} telemetry readings are appended to the same
 * spool meanwhile, as in {@link InteractionLatency}.
 */
public final class EdgeToActuator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HOLD = Duration.ofMillis(80);

  /**
   * @param handover edge -> {@code press} event handed to the spool
   * @param subscriber edge -> {@code press} event at the subscriber
   * @param actuator edge -> LED output write caused by the reflex
   * @param engineP99Millis the reflex engine's own p99 (settled edge time -> actuator state)
   * @param debounce the button driver's debounce window in this run
   * @param backgroundRate telemetry readings/s the subscriber received while sampling (0 idle)
   * @param sent presses played
   */
  public record Result(Percentiles handover, Percentiles subscriber, Percentiles actuator,
      double engineP99Millis, Duration debounce, double backgroundRate, int sent,
      int edgesSeen, int lampWrites) { }

  private EdgeToActuator() {}

  /**
   * @param sub subscriber to the installation's events (its tap times the press events)
   * @param readings subscriber to its readings (counts the background received)
   */
  public static Result run(Path spoolDir, String brokerUrl, CountingSubscriber sub,
      CountingSubscriber readings, int presses, Duration period, int backgroundPerSecond,
      Duration timeout) throws Exception {
    if (period.compareTo(HOLD.multipliedBy(2)) <= 0) {
      throw new IllegalArgumentException("period must exceed " + HOLD.multipliedBy(2)
          + " so presses do not overlap, was " + period);
    }
    AtomicLongArray edgeAt = new AtomicLongArray(presses);
    Map<Long, Integer> byEdge = new ConcurrentHashMap<>();
    Map<Long, Integer> bySeq = new ConcurrentHashMap<>();
    long[] handover = new long[presses];
    Map<Long, Long> arrivals = new ConcurrentHashMap<>();
    AtomicInteger handed = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(presses);
    sub.reset();
    sub.tap((topic, payload) -> {
      if (!topic.endsWith("/" + ReflexRig.DEVICE + "/event")) {
        return;
      }
      long now = System.nanoTime();
      try {
        JsonNode n = JSON.readTree(payload);
        for (JsonNode e : n.isArray() ? n : JSON.createArrayNode().add(n)) {
          if ("press".equals(e.path("type").asText())
              && arrivals.putIfAbsent(e.path("seq").asLong(-1), now) == null) {
            all.countDown();
          }
        }
      } catch (java.io.IOException ex) {
        throw new IllegalStateException("unreadable event payload on " + topic, ex);
      }
    });
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    try (GatewayRig gw = GatewayRig.start(spoolDir, brokerUrl, MqttSinkOptions.batched(500),
        500, 10_000_000, FsyncPolicy.GROUP);
        ReflexRig rig = ReflexRig.start(gw.spool(), (o, seq) -> {
          if (o instanceof InteractionEvent e && "press".equals(e.type())) {
            Integer id = byEdge.get(e.time().monotonicNanos());
            if (id != null) {
              bySeq.put(seq, id);
            }
          }
        }, o -> {
          if (o instanceof InteractionEvent e && "press".equals(e.type())) {
            long now = System.nanoTime();
            Integer id = byEdge.get(e.time().monotonicNanos());
            if (id != null) {
              int i = handed.getAndIncrement();
              if (i < presses) {
                handover[i] = now - edgeAt.get(id);
              }
            }
          }
        })) {
      AtomicInteger current = new AtomicInteger(-1);
      rig.pin().onEdge(edge -> {
        int id = current.get();
        if (!edge.high() && id >= 0 && edgeAt.get(id) == 0) {
          edgeAt.set(id, edge.monotonicNanos());
          byEdge.put(edge.monotonicNanos(), id);
        }
      });
      gw.startBackgroundTelemetry(clock, backgroundPerSecond);
      long readingsBefore = readings.readings();
      long sampleStart = System.nanoTime();
      AtomicInteger next = new AtomicInteger();
      EdgeScript press = EdgeScript.builder().pulse(Duration.ZERO, HOLD, false).build();
      clock.scheduleAtFixedRate(() -> {
        int id = next.getAndIncrement();
        if (id < presses) {
          current.set(id);
          rig.pin().play(press);
        }
      }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
      long playing = period.toMillis() * presses + 5_000;
      boolean complete = all.await(Math.min(timeout.toMillis(), playing), TimeUnit.MILLISECONDS);
      double seconds = (System.nanoTime() - sampleStart) / 1e9;
      long backgroundSeen = readings.readings() - readingsBefore;
      clock.shutdownNow();
      // the last press's write and release may still be on their way
      rig.awaitWrites(2L * presses, Duration.ofSeconds(complete ? 5 : 1));
      long[] writes = writeLatencies(rig.writes(), edgeAt, presses);
      long[] received = arrivals.entrySet().stream()
          .filter(a -> bySeq.containsKey(a.getKey()))
          .mapToLong(a -> a.getValue() - edgeAt.get(bySeq.get(a.getKey()))).toArray();
      double rate = backgroundPerSecond > 0 && seconds > 0 ? backgroundSeen / seconds : 0;
      return new Result(Percentiles.of(handover, Math.min(presses, handed.get())),
          Percentiles.of(received, received.length),
          Percentiles.of(writes, writes.length),
          rig.engineP99Millis(), rig.debounce(), rate, presses, byEdge.size(),
          rig.writes().size() - 1);
    } finally {
      clock.shutdownNow();
      sub.tap((t, p) -> { });
    }
  }

  /**
   * Each ON write of the LED, less the latest press edge before it; a press with no ON write
   * before the next press (a refused or lost reflex) gives no sample.
   */
  private static long[] writeLatencies(List<LevelChange> writes, AtomicLongArray edgeAt,
      int presses) {
    List<Long> out = new ArrayList<>();
    int p = 0;
    int lastMatched = -1;
    for (LevelChange w : writes) {
      if (!w.high() || w.shutdown()) {
        continue;
      }
      while (p + 1 < presses && edgeAt.get(p + 1) != 0 && edgeAt.get(p + 1) <= w.monotonicNanos()) {
        p++;
      }
      long edge = edgeAt.get(p);
      if (edge != 0 && edge <= w.monotonicNanos() && p != lastMatched) {
        out.add(w.monotonicNanos() - edge);
        lastMatched = p;
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }
}
