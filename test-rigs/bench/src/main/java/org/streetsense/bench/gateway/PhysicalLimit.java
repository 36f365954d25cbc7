package org.streetsense.bench.gateway;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.PullResistance;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedDigitalOutput;

/**
 * The "physical limit" baseline of the reflex rows: the same simulated pins, presses and cadence
 * as {@link EdgeToActuator}, with no gateway in between. A minimal loop listens to the button's
 * simulated input and writes the lamp's simulated output directly on the edge's thread (the
 * output mirrors the contact, bounces included); the sample is each press's first falling edge
 * to the first ON write after it, both on {@link System#nanoTime()} as in the reflex rows. What
 * remains is the simulation's own cost: scheduling the scripted edge and recording the write.
 */
public final class PhysicalLimit {

  private PhysicalLimit() {}

  /** Plays {@code presses} presses one every {@code period}; edge -> ON write samples. */
  public static Percentiles run(int presses, Duration period, Duration timeout) throws Exception {
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(8).build()) {
      SimulatedDigitalOutput led = (SimulatedDigitalOutput) backend.digitalOutput(
          new DigitalOutputOptions(ReflexRig.LED_PIN, false, false));
      DigitalInput button = backend.digitalInput(new DigitalInputOptions(ReflexRig.BUTTON_PIN,
          PullResistance.PULL_UP, Duration.ZERO));
      AtomicLongArray edgeAt = new AtomicLongArray(presses);
      long[] samples = new long[presses];
      AtomicInteger current = new AtomicInteger(-1);
      AtomicInteger done = new AtomicInteger();
      button.onEdge(e -> {
        try {
          led.write(!e.high());
        } catch (Exception ex) {
          throw new IllegalStateException(ex);
        }
        int id = current.get();
        if (!e.high() && id >= 0 && edgeAt.compareAndSet(id, 0, e.monotonicNanos())) {
          // the write just recorded is the first ON write after this press's first edge
          samples[done.getAndIncrement()] = led.history().get(led.history().size() - 1)
              .monotonicNanos() - e.monotonicNanos();
        }
      });
      ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
      try {
        for (int i = 0; i < EdgeToActuator.WARM_UP; i++) {
          backend.pin(ReflexRig.BUTTON_PIN).play(EdgeToActuator.PRESS);
          org.streetsense.bench.Pause.of(period);
        }
        AtomicInteger next = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
          int id = next.getAndIncrement();
          if (id < presses) {
            current.set(id);
            backend.pin(ReflexRig.BUTTON_PIN).play(EdgeToActuator.PRESS);
          }
        }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (done.get() < presses && System.nanoTime() < deadline) {
          org.streetsense.bench.Pause.of(Duration.ofMillis(20));
        }
      } finally {
        clock.shutdownNow();
        button.close();
      }
      return Percentiles.of(samples, Math.min(presses, done.get()));
    }
  }
}
