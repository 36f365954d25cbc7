package org.streetsense.gateway.board;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.streetsense.gateway.channel.ChannelProcessor;
import org.streetsense.gateway.channel.ObservationFactory;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.driver.EdgeDebouncer;
import org.streetsense.gateway.driver.HardwareScheduler;
import org.streetsense.gateway.hardware.EdgeEvent;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.DeviceStatus;

/**
 * One board device: its channel processor and its health. Values, faults and ticks are processed
 * on the owning {@link Boards}' thread; a digital pin's edges ({@link #edge}) on the board's serial
 * reader thread, so an edge does not queue behind the board's analog readings. This input's own
 * lock serialises the two (no lock shared with other inputs). The status may be read from any
 * thread.
 */
final class BoardInput {

  private final BoardInputSpec spec;
  private final ChannelProcessor processor;
  private final TimeSource time;
  private final Consumer<Observation> consumer;
  private final ObservationFactory factory;
  /** A digital pin's last level (0, 1), or -1 when unknown (at start, after a fault). */
  private int lastLevel = -1;
  /** Digital pins: the leading-edge debounce of their edges; null for analog and distance. */
  private final EdgeDebouncer debouncer;
  private volatile DeviceState state = DeviceState.ABSENT;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private volatile long errors;
  private boolean faulted;

  /**
   * @param scheduler runs the end of a digital pin's lockout (the {@link Boards} thread)
   */
  BoardInput(String installation, BoardInputSpec spec, TimeSource time,
      Consumer<Observation> consumer, HardwareScheduler scheduler) {
    this.spec = spec;
    this.time = time;
    this.consumer = consumer;
    this.factory = new ObservationFactory(installation, spec.deviceId(), time);
    this.processor = new ChannelProcessor(spec.channel(), spec.driverUnit(), factory);
    this.debouncer = spec.kind() == BoardInputKind.PIN && !spec.analog()
        ? new EdgeDebouncer(scheduler, spec.debounce(), spec.debounceMode(), time, this::changed)
        : null;
  }

  BoardInputSpec spec() {
    return spec;
  }

  /**
   * A value from the board, in the driver unit, stamped now (the hand-over from the serial reader
   * thread takes microseconds, far below the board's sampling jitter). Boards' thread.
   */
  synchronized void accept(double value) {
    faulted = false;
    state = DeviceState.OK;
    processor.accept(value, Quality.GOOD, time.monotonicNanos()).forEach(consumer);
  }

  /**
   * The board went away or refused the configuration: one FAULT reading (once until values flow
   * again). Boards' thread.
   *
   * @param absent true when the board is unplugged or silent, false when it answers but fails
   */
  synchronized void fault(String reason, boolean absent) {
    lastLevel = -1;
    state = absent ? DeviceState.ABSENT : DeviceState.FAULT;
    lastError = reason;
    lastErrorAt = Instant.ofEpochMilli(time.wallMillis());
    errors++;
    if (!faulted) {
      faulted = true;
      processor.accept(Double.NaN, Quality.FAULT, time.monotonicNanos()).forEach(consumer);
    }
  }

  /** Closes time windows. Boards' thread. */
  synchronized void tick() {
    processor.tick(time.monotonicNanos()).forEach(consumer);
  }

  /**
   * A digital pin's level as the board reported it (an edge, or the level the board reports after
   * every (re)connection or samples), stamped now on the calling thread (the board's serial
   * reader). The first level after start or a fault is not an edge: it is published as a level.
   * A level equal to the reported one is published as a level too. A different level is an edge,
   * debounced as the spec declares ({@link BoardInputSpec#debounce()}, decision 0368): leading
   * (the default) reports it at once and ignores bounces within the lockout, trailing once it has
   * been stable for the window (from the boards thread); reported as an interaction event {@code rise} (to high) or {@code fall} (to low),
   * value 0, on the device's channel, handed over before the level reading, unless the channel's
   * own semantics (touch, presence) derived an event from it (one happening, one event).
   */
  void edge(boolean high) {
    long now = time.monotonicNanos();
    int level = high ? 1 : 0;
    boolean first;
    boolean same;
    synchronized (this) {
      faulted = false;
      state = DeviceState.OK;
      first = lastLevel < 0;
      same = !first && debouncer.stableLevel() == high;
      if (first) {
        lastLevel = level;
      }
      if (first || same) {
        processor.accept(level, Quality.GOOD, now).forEach(consumer);
      }
    }
    if (first) {
      debouncer.reset(high);
    } else {
      // also a level equal to the reported one: within a lockout it is the contact's latest level
      debouncer.edge(new EdgeEvent(spec.pinNumber(), high, now), now);
    }
  }

  /**
   * A debounced edge of a digital pin: the reader's thread (leading), or the boards thread (the
   * end of a lockout, a trailing window).
   */
  private synchronized void changed(boolean high, long at) {
    if (lastLevel < 0) {
      return;
    }
    int level = high ? 1 : 0;
    lastLevel = level;
    List<Observation> derived = processor.accept(level, Quality.GOOD, at);
    if (derived.stream().noneMatch(o -> o instanceof InteractionEvent)) {
      consumer.accept(factory.event(spec.channel().name(), high ? "rise" : "fall", 0, at));
    }
    derived.forEach(consumer);
  }

  DeviceStatus status() {
    return new DeviceStatus(spec.deviceId(), spec.driver(), state, lastError, lastErrorAt, errors);
  }
}
