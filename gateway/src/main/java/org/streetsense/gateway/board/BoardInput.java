package org.streetsense.gateway.board;

import java.time.Instant;
import java.util.function.Consumer;
import org.streetsense.gateway.channel.ChannelProcessor;
import org.streetsense.gateway.channel.ObservationFactory;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.DeviceStatus;

/**
 * One board device: its channel processor and its health. Values and faults are processed on the
 * owning {@link Boards}' thread only; the status may be read from any thread.
 */
final class BoardInput {

  private final BoardInputSpec spec;
  private final ChannelProcessor processor;
  private final TimeSource time;
  private final Consumer<Observation> consumer;
  private volatile DeviceState state = DeviceState.ABSENT;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private volatile long errors;
  private boolean faulted;

  BoardInput(String installation, BoardInputSpec spec, TimeSource time,
      Consumer<Observation> consumer) {
    this.spec = spec;
    this.time = time;
    this.consumer = consumer;
    this.processor = new ChannelProcessor(spec.channel(), spec.driverUnit(),
        new ObservationFactory(installation, spec.deviceId(), time));
  }

  BoardInputSpec spec() {
    return spec;
  }

  /**
   * A value from the board, in the driver unit, stamped now (the hand-over from the serial reader
   * thread takes microseconds, far below the board's sampling jitter). Boards' thread.
   */
  void accept(double value) {
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
  void fault(String reason, boolean absent) {
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
  void tick() {
    processor.tick(time.monotonicNanos()).forEach(consumer);
  }

  DeviceStatus status() {
    return new DeviceStatus(spec.deviceId(), spec.driver(), state, lastError, lastErrorAt, errors);
  }
}
