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
import org.streetsense.gateway.spool.FsyncPolicy;

/**
 * Local reflex and edge-to-event latency. A {@link ReflexRig} (simulated GPIO, the real button
 * driver with its default options: leading-edge debounce, 20 ms lockout; reflex engine, command
 * processor and a simulated LED output) feeds a {@link GatewayRig} (spool, forwarder, MqttSink,
 * Paho uplink). {@code presses} presses ({@link #PRESS}: held 25 ms, with contact bounce, so each
 * gives one {@code press} and one {@code release}) are played on the pin one every
 * {@code period}. For each press the edge time
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
  /** How long each press is held: longer than the button's 20 ms lockout. */
  static final Duration HOLD = Duration.ofMillis(25);
  /**
   * One press as the bench plays it: held {@link #HOLD}, each transition with three bounce pairs
   * about 0.5 ms apart (a short, clean tactile switch), all within the 20 ms lockout.
   */
  public static final EdgeScript PRESS = EdgeScript.builder().pulse(Duration.ZERO, HOLD, false)
      .bounce(3, Duration.ofNanos(500_000)).build();
  /** Presses played first and not measured (start-up: class loading, the stream's first events). */
  public static final int WARM_UP = 20;
  /** Presses one every 60 ms: the release's lockout (20 ms from 25 ms) ends well before. */
  public static final Duration PERIOD = Duration.ofMillis(60);

  /**
   * @param handover edge -> {@code press} event handed to the spool
   * @param subscriber edge -> {@code press} event at the subscriber
   * @param actuator edge -> LED output write caused by the reflex
   * @param engineP99Millis the reflex engine's own p99 (settled edge time -> actuator state)
   * @param debounce the button driver's debounce window (lockout) in this run
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
    java.util.concurrent.atomic.AtomicBoolean measuring =
        new java.util.concurrent.atomic.AtomicBoolean();
    sub.reset();
    sub.tap((topic, payload, now) -> {
      if (!topic.endsWith("/" + ReflexRig.DEVICE + "/event")) {
        return;
      }
      try {
        JsonNode n = JSON.readTree(payload);
        for (JsonNode e : n.isArray() ? n : JSON.createArrayNode().add(n)) {
          if ("press".equals(e.path("type").asText())
              && measuring.get() && arrivals.putIfAbsent(e.path("seq").asLong(-1), now) == null) {
            all.countDown();
          }
        }
      } catch (java.io.IOException ex) {
        throw new IllegalStateException("unreadable event payload on " + topic, ex);
      }
    });
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    AtomicInteger current = new AtomicInteger(-1);
    try (GatewayRig gw = GatewayRig.start(spoolDir, brokerUrl, InteractionLatency.BATCHED,
        500, 10_000_000, FsyncPolicy.GROUP);
        ReflexRig rig = ReflexRig.start(gw.spool(), gw.uplink(), (o, seq) -> {
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
        }, edge -> {
          // before the driver sees the edge: its event can be matched to this press at once
          int id = current.get();
          if (!edge.high() && id >= 0 && edgeAt.get(id) == 0) {
            edgeAt.set(id, edge.monotonicNanos());
            byEdge.put(edge.monotonicNanos(), id);
          }
        })) {
      gw.startBackgroundTelemetry(clock, backgroundPerSecond);
      // warm-up presses, not measured: class loading and the first events of the stream
      for (int i = 0; i < WARM_UP; i++) {
        rig.pin().play(PRESS);
        org.streetsense.bench.Pause.of(period);
      }
      org.streetsense.bench.Pause.of(Duration.ofSeconds(1));
      measuring.set(true);
      long readingsBefore = readings.readings();
      long sampleStart = System.nanoTime();
      AtomicInteger next = new AtomicInteger();
      EdgeScript press = PRESS;
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
      sub.tap((t, p, at) -> { });
    }
  }

  /**
   * Each press's first ON write of the LED after its edge, less that edge: every ON write is
   * matched to the latest recorded press edge before it, and only the first write per press
   * counts. A press with no recorded edge (its playback was late and merged with the next) or no
   * ON write before the next press (a refused or lost reflex) gives no sample.
   */
  private static long[] writeLatencies(List<LevelChange> writes, AtomicLongArray edgeAt,
      int presses) {
    long[] edges = new long[presses];
    int n = 0;
    for (int i = 0; i < presses; i++) {
      if (edgeAt.get(i) != 0) {
        edges[n++] = edgeAt.get(i);
      }
    }
    java.util.Arrays.sort(edges, 0, n);
    List<Long> out = new ArrayList<>();
    int p = -1;
    int lastMatched = -1;
    for (LevelChange w : writes) {
      if (!w.high() || w.shutdown()) {
        continue;
      }
      while (p + 1 < n && edges[p + 1] <= w.monotonicNanos()) {
        p++;
      }
      if (p >= 0 && p != lastMatched) {
        out.add(w.monotonicNanos() - edges[p]);
        lastMatched = p;
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }
}
