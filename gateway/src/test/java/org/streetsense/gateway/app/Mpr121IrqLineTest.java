package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.chips.Mpr121Chip;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.harness.FreePorts;

/**
 * An MPR121 with its IRQ line declared ({@code irqPin}) is read when the simulated chip pulls the
 * line low, not polled: observed at the simulated pin, the bus's transaction count and the events.
 */
class Mpr121IrqLineTest {

  private static final int IRQ = 27;

  private static Installation installation(String options) throws Exception {
    String yaml = """
        installation: touch-wall
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
          - id: wall
            driver: mpr121
            bus: 1
            address: 0x5A
            %s
            channels:
              - {name: plate, index: 2, touch: {threshold: 12, release: 6}}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d"}
        spool: {dir: /tmp/streetsense-mpr121-irq-test}
        """.formatted(options, FreePorts.next());
    return InstallationLoader.load("touch.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTouchIsReadOnTheFallingIrqLineAndTheChipIsNotPolledMeanwhile() throws Exception {
    Installation inst = installation("options: {irqPin: " + IRQ + "}");
    List<Observation> seen = new CopyOnWriteArrayList<>();
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      SimulatedInstallation.populate(backend, inst);
      Mpr121Chip chip = (Mpr121Chip) backend.i2cBus(1).chipAt(0x5A);
      Devices devices = Devices.open(inst, backend, InteractionPlan.from(inst), seen::add);
      try {
        devices.start();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> !seen.isEmpty() && backend.pin(IRQ).level());

        long before = backend.i2cBus(1).transactionCount();
        long idleFrom = System.nanoTime();
        chip.touch(2, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> types(seen).contains("touch_start"));
        await("the status read releases the line").atMost(Duration.ofSeconds(10))
            .until(() -> backend.pin(IRQ).level());
        chip.touch(2, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> types(seen).contains("touch_end"));
        long idleMillis = (System.nanoTime() - idleFrom) / 1_000_000;

        // polled every 25 ms this window would hold idleMillis / 25 samples of 2 transactions;
        // read on the line it holds the two touches' samples and at most one check per second
        long samples = (backend.i2cBus(1).transactionCount() - before) / 2;
        assertThat(samples).isLessThanOrEqualTo(2 + idleMillis / 1000 + 1);
        assertThat(samples).isGreaterThanOrEqualTo(2);
      } finally {
        devices.close();
      }
    }
  }

  @Test
  void withoutAnIrqPinTheChipIsPolled() throws Exception {
    Installation inst = installation("");
    List<Observation> seen = new CopyOnWriteArrayList<>();
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      SimulatedInstallation.populate(backend, inst);
      Mpr121Chip chip = (Mpr121Chip) backend.i2cBus(1).chipAt(0x5A);
      Devices devices = Devices.open(inst, backend, InteractionPlan.from(inst), seen::add);
      try {
        devices.start();
        // touch only once the chip runs: it takes its baseline from the first data
        await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
        chip.touch(2, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> types(seen).contains("touch_start"));
        long before = backend.i2cBus(1).transactionCount();
        await("samples keep coming without any touch").atMost(Duration.ofSeconds(10))
            .until(() -> backend.i2cBus(1).transactionCount() - before >= 20);
      } finally {
        devices.close();
      }
    }
  }

  private static List<String> types(List<Observation> seen) {
    return seen.stream().filter(InteractionEvent.class::isInstance)
        .map(o -> ((InteractionEvent) o).type()).toList();
  }
}
