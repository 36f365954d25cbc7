package org.streetsense.gateway.reflex;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.ActuatorState;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Reading;

/**
 * Runs reflex rules on every observation as it is taken (before the spool has written it),
 * locally and offline, through the same {@link CommandProcessor} and safety policy as remote
 * commands.
 *
 * <p>Latency is measured from the observation's monotonic time (for an edge: when the edge was
 * seen) to the first actuator write the reflex caused, and kept in {@link #latency()}.
 *
 * <p>{@link #accept} is cheap and does not wait (matching in memory; the hardware work is the
 * actuator thread's, except a GPIO pin's write, which takes microseconds and is made on the
 * calling thread when that thread is not Vert.x's and the actuator thread is idle, decision
 * 0377), so it may run on a backend's edge thread, a hardware thread or the event loop.
 * Thread-safe without a lock shared by all observations: telemetry readings from other devices
 * never hold a lock an edge waits for (decision 0336). Each rule's counter and cooldown are
 * updated under that rule's own lock, so they stay exact when several threads fire one rule;
 * a stream's previous value is kept in a concurrent map (one stream is fed by one device, in
 * order).
 */
public final class ReflexEngine implements Consumer<Observation> {

  private static final Logger LOG = LoggerFactory.getLogger(ReflexEngine.class);
  private static final int MAX_IN_FLIGHT = 1024;

  private final List<ReflexRule> rules;
  private final CommandProcessor processor;
  private final TimeSource time;
  private final Map<String, Double> lastValues = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> firings = new ConcurrentHashMap<>();
  private final Map<String, Long> lastRunNanos = new ConcurrentHashMap<>();
  private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
  private final LatencyRecorder latency = new LatencyRecorder(4096);

  public ReflexEngine(List<ReflexRule> rules, CommandProcessor processor, TimeSource time) {
    this.rules = List.copyOf(rules);
    this.processor = Objects.requireNonNull(processor, "processor");
    this.time = Objects.requireNonNull(time, "time");
    for (ReflexRule r : this.rules) {
      firings.put(r.name(), new AtomicLong());
    }
    processor.onState(this::onActuatorState);
  }

  /** Edge-to-actuator latency of recent reflexes. */
  public LatencyRecorder latency() {
    return latency;
  }

  /** How many times a rule's trigger fired (counted even when {@code every} skipped it). */
  public long firings(String rule) {
    AtomicLong n = firings.get(rule);
    return n == null ? 0 : n.get();
  }

  @Override
  public void accept(Observation o) {
    String stream = o.device() + "/" + o.channel();
    Double previous = o instanceof Reading r ? lastValues.put(stream, r.value()) : null;
    for (ReflexRule rule : rules) {
      if (rule.trigger().fires(o, previous)) {
        fire(rule, o);
      }
    }
  }

  private void fire(ReflexRule rule, Observation o) {
    AtomicLong counter = firings.get(rule.name());
    // the rule's own lock: counts and cooldown of one rule, never shared with other rules' inputs
    synchronized (counter) {
      long n = counter.incrementAndGet();
      if (n % rule.every() != 0) {
        return;
      }
      long now = time.monotonicNanos();
      Long last = lastRunNanos.get(rule.name());
      if (last != null && now - last < rule.cooldown().toNanos()) {
        return;
      }
      lastRunNanos.put(rule.name(), now);
    }
    for (ReflexAction a : rule.actions()) {
      String id = processor.internalId("reflex:" + rule.name());
      if (inFlight.size() < MAX_IN_FLIGHT) {
        inFlight.put(id, o.time().monotonicNanos());
      }
      Command c = new Command(id, id, a.actuator(), a.operation(), a.value(), a.duration(),
          Long.MAX_VALUE, CommandSource.REFLEX, a.colour());
      processor.submit(c).onSuccess(result -> {
        if (result.reason() != null) {
          inFlight.remove(id);
          LOG.debug("reflex {} refused: {}", rule.name(), result.detail());
        }
      });
    }
  }

  private void onActuatorState(ActuatorState s) {
    Long start = inFlight.remove(s.cause());
    if (start != null) {
      latency.record(time.monotonicNanos() - start);
    }
  }
}
