package org.streetsense.gateway.driver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.channel.ChannelOptions;
import org.streetsense.gateway.channel.ChannelProcessor;
import org.streetsense.gateway.channel.ObservationFactory;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;

/**
 * Runs one device: opens its driver, samples it on the {@link HardwareScheduler} (or receives its
 * events), applies channel processing and hands every {@link Observation} to the consumer.
 *
 * <p>Faults: a {@link HardwareIoException} (or a sample that stays busy beyond
 * {@link DeviceRunnerOptions#maxPolls()}) publishes a FAULT reading for each channel, closes the
 * driver and schedules a re-open with {@link RetryBackoff}; when the device answers again the
 * driver re-initialises it and readings return to GOOD. A runtime exception from the driver's
 * {@code open} (bad options) marks the device FAILED without retrying. Nothing thrown by a driver
 * or the consumer escapes to the scheduler.
 *
 * <p>Threads: all work runs on the scheduler, except what an event driver pushes from the
 * backend's edge thread (leading-edge inputs handle their edges where they arrive, decision
 * 0336); this runner's lock serialises the two. {@link #requestSample()} and {@link #close()}
 * may be called from any thread. The consumer is called on either thread and must not block.
 */
public final class DeviceRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceRunner.class);

  private final DeviceRunnerOptions options;
  private final Driver driver;
  private final HardwareScheduler scheduler;
  private final Consumer<Observation> consumer;
  private final ObservationFactory factory;
  private final DriverContext context;
  private final Map<String, ChannelProcessor> processors = new HashMap<>();
  private final Map<String, String> driverUnits = new HashMap<>();

  private DeviceStatus.State state = DeviceStatus.State.STARTING;
  private int consecutiveFaults;
  private String lastError;
  private HardwareIoException.Kind lastErrorKind;
  private java.time.Instant lastErrorAt;
  private long totalFaults;
  private boolean cycleRunning;
  /** When the current cycle was due (monotonic ns): a grid slot, or the moment it was asked for. */
  private long slotNanos;
  private int polls;
  private Cancellable pending = () -> {};
  private Cancellable tick = () -> {};

  public DeviceRunner(
      DeviceRunnerOptions options,
      Driver driver,
      HardwareBackend backend,
      HardwareScheduler scheduler,
      Consumer<Observation> consumer) {
    this.options = Objects.requireNonNull(options, "options");
    this.driver = Objects.requireNonNull(driver, "driver");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.factory = new ObservationFactory(options.installation(), options.deviceId(), backend.time());
    this.context =
        new DriverContext(
            options.deviceId(),
            backend,
            backend.time(),
            scheduler,
            options.driverOptions(),
            this::requestSample);
    for (ChannelDescriptor c : driver.channels()) {
      driverUnits.put(c.name(), c.unit());
    }
    if (driver instanceof EventDriver ed) {
      ed.sink(new RunnerSink());
    }
  }

  /** Opens the driver on the scheduler and starts sampling. */
  public void start() {
    scheduler.execute(this::attemptOpen);
    scheduleTick();
  }

  /** Snapshot of the device's state. Any thread. */
  public synchronized DeviceStatus status() {
    return new DeviceStatus(
        options.deviceId(), state, consecutiveFaults, Optional.ofNullable(lastError),
        Optional.ofNullable(lastErrorAt), totalFaults, Optional.ofNullable(lastErrorKind));
  }

  /** Asks for a sample now (an interrupt fired). Ignored while a sample is in progress. */
  public void requestSample() {
    scheduler.execute(
        () -> {
          synchronized (this) {
            if (state == DeviceStatus.State.RUNNING && !cycleRunning) {
              pending.cancel();
              startCycle(context.time().monotonicNanos());
            }
          }
        });
  }

  private synchronized void attemptOpen() {
    if (state == DeviceStatus.State.CLOSED) {
      return;
    }
    try {
      driver.open(context);
    } catch (HardwareIoException e) {
      fault(e.kind(), e.kind() + ": " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      state = DeviceStatus.State.FAILED;
      lastError = e.getMessage();
      lastErrorKind = null;
      lastErrorAt = java.time.Instant.ofEpochMilli(context.time().wallMillis());
      totalFaults++;
      LOG.error("device '{}' cannot be opened and will not be retried: {}", options.deviceId(),
          e.getMessage());
      closeDriverQuietly();
      return;
    }
    if (consecutiveFaults > 0) {
      LOG.info("device '{}' answers again after {} fault(s)", options.deviceId(), consecutiveFaults);
    }
    state = DeviceStatus.State.RUNNING;
    if (driver instanceof SampledDriver) {
      startCycle(context.time().monotonicNanos());
    } else {
      consecutiveFaults = 0;
    }
  }

  /** @param slot when this cycle was due (monotonic ns) */
  private void startCycle(long slot) {
    cycleRunning = true;
    polls = 0;
    slotNanos = slot;
    SampledDriver sd = (SampledDriver) driver;
    try {
      handle(sd.start());
    } catch (HardwareIoException e) {
      fault(e.kind(), e.kind() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      fault(null, "driver error: " + e);
    }
  }

  private synchronized void collect() {
    if (state != DeviceStatus.State.RUNNING) {
      return;
    }
    try {
      handle(((SampledDriver) driver).collect());
    } catch (HardwareIoException e) {
      fault(e.kind(), e.kind() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      fault(null, "driver error: " + e);
    }
  }

  private void handle(SampleStep step) {
    if (step instanceof SampleStep.Pending p) {
      if (++polls > options.maxPolls()) {
        fault(HardwareIoException.Kind.TIMEOUT,
            "TIMEOUT: still busy after " + options.maxPolls() + " polls");
        return;
      }
      pending = scheduler.schedule(p.delay(), this::collect);
      return;
    }
    List<ChannelValue> values = ((SampleStep.Ready) step).values();
    consecutiveFaults = 0;
    cycleRunning = false;
    long at = context.time().monotonicNanos();
    for (ChannelValue v : values) {
      process(v, at);
    }
    long next = SamplingGrid.nextSlot(slotNanos, options.interval().toNanos(), at);
    pending = scheduler.schedule(java.time.Duration.ofNanos(next - at), () -> nextCycle(next));
  }

  private synchronized void nextCycle(long slot) {
    if (state == DeviceStatus.State.RUNNING && !cycleRunning) {
      startCycle(slot);
    }
  }

  /** @param kind the hardware failure's kind; null for a driver error */
  private void fault(HardwareIoException.Kind kind, String message) {
    if (state == DeviceStatus.State.CLOSED) {
      return;
    }
    consecutiveFaults++;
    totalFaults++;
    lastError = message;
    lastErrorKind = kind;
    lastErrorAt = java.time.Instant.ofEpochMilli(context.time().wallMillis());
    state = DeviceStatus.State.FAULT;
    cycleRunning = false;
    if (consecutiveFaults == 1) {
      LOG.warn("device '{}' fault: {}; retrying with backoff", options.deviceId(), message);
    } else {
      LOG.debug("device '{}' fault #{}: {}", options.deviceId(), consecutiveFaults, message);
    }
    long now = context.time().monotonicNanos();
    for (ChannelDescriptor c : driver.channels()) {
      process(ChannelValue.fault(c.name()), now);
    }
    closeDriverQuietly();
    pending = scheduler.schedule(options.backoff().delay(consecutiveFaults), this::attemptOpen);
  }

  private void process(ChannelValue v, long monotonicNanos) {
    ChannelProcessor p = processor(v.channel());
    emit(p.accept(v.raw(), v.quality(), monotonicNanos));
  }

  private ChannelProcessor processor(String channel) {
    return processors.computeIfAbsent(
        channel,
        ch ->
            new ChannelProcessor(
                options.channels().getOrDefault(ch, ChannelOptions.defaults(ch)),
                driverUnits.getOrDefault(ch, ""),
                factory));
  }

  private void emit(List<Observation> observations) {
    for (Observation o : observations) {
      try {
        consumer.accept(o);
      } catch (RuntimeException e) {
        LOG.error("observation consumer failed for device '{}'", options.deviceId(), e);
      }
    }
  }

  private void scheduleTick() {
    long now = context.time().monotonicNanos();
    long due = SamplingGrid.nextSlot(now, options.tickInterval().toNanos(), now);
    tick = scheduler.schedule(java.time.Duration.ofNanos(due - now), this::onTick);
  }

  private synchronized void onTick() {
    if (state == DeviceStatus.State.CLOSED) {
      return;
    }
    long now = context.time().monotonicNanos();
    for (ChannelProcessor p : processors.values()) {
      emit(p.tick(now));
    }
    scheduleTick();
  }

  private void closeDriverQuietly() {
    try {
      driver.close();
    } catch (RuntimeException e) {
      LOG.warn("device '{}' close failed", options.deviceId(), e);
    }
  }

  /** Stops sampling and closes the driver (outputs go to their safe state). Idempotent. */
  @Override
  public synchronized void close() {
    if (state == DeviceStatus.State.CLOSED) {
      return;
    }
    state = DeviceStatus.State.CLOSED;
    pending.cancel();
    tick.cancel();
    closeDriverQuietly();
  }

  private final class RunnerSink implements EventSink {
    @Override
    public void value(ChannelValue value, long monotonicNanos) {
      synchronized (DeviceRunner.this) {
        if (state != DeviceStatus.State.CLOSED) {
          process(value, monotonicNanos);
        }
      }
    }

    @Override
    public void event(DriverEvent e) {
      synchronized (DeviceRunner.this) {
        if (state != DeviceStatus.State.CLOSED) {
          emit(List.of(factory.event(e.channel(), e.type(), e.value(), e.monotonicNanos())));
        }
      }
    }
  }
}
