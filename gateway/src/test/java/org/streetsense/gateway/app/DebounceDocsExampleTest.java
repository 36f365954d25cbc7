package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.driver.DebounceMode;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverRegistry;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.EventDriver;
import org.streetsense.gateway.driver.testing.RecordingSink;
import org.streetsense.gateway.driver.testing.SimulatedClockScheduler;
import org.streetsense.gateway.hardware.simulated.EdgeScript;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.harness.FreePorts;

/**
 * The debounce example of docs/drivers.md loads, and its two inputs behave as the page says on
 * the simulated pins: the button reports a bouncing press once, at its first edge; the PIR line
 * on its long cable ignores a 20 ms spike and reports a level only after 50 ms of stability.
 */
class DebounceDocsExampleTest {

  private static final Path DOC = Path.of("..", "docs", "drivers.md");
  private static final long MS = 1_000_000L;

  private final ManualTimeSource clock = new ManualTimeSource();
  private final SimulatedBackend backend =
      SimulatedBackend.builder().seed(5).timeSource(clock).build();

  @AfterEach
  void close() {
    backend.close();
  }

  private static Installation example() throws Exception {
    String doc = Files.readString(DOC);
    int section = doc.indexOf("### Debounce: leading or trailing");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    String devices = doc.substring(start, doc.indexOf("```", start));
    String yaml = """
        installation: debounce-doc
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
          %s
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d"}
        spool: {dir: /tmp/streetsense-debounce-doc-test}
        """.formatted(devices.strip().replace("\n", "\n  "), FreePorts.next());
    return InstallationLoader.load("debounce.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private RecordingSink open(DeviceSpec d) throws Exception {
    DeviceOptions o = DriverOptionsMapping.options(d);
    EventDriver driver = (EventDriver) DriverRegistry.create(d.driver().configName(), o);
    RecordingSink sink = new RecordingSink();
    driver.sink(sink);
    driver.open(new DriverContext(d.id(), backend, clock, new SimulatedClockScheduler(clock), o,
        () -> { }));
    return sink;
  }

  @Test
  void theButtonIsLeadingAndThePirTrailingAsTheExampleSays() throws Exception {
    Installation inst = example();
    DeviceSpec button = inst.devices().get(0);
    DeviceSpec pir = inst.devices().get(1);
    assertThat(DebounceMode.option(DriverOptionsMapping.options(button), DebounceMode.LEADING))
        .isEqualTo(DebounceMode.LEADING);
    assertThat(DebounceMode.option(DriverOptionsMapping.options(pir), DebounceMode.LEADING))
        .isEqualTo(DebounceMode.TRAILING);

    RecordingSink pressed = open(button);
    RecordingSink motion = open(pir);
    long start = clock.monotonicNanos();
    backend.pin(17).play(EdgeScript.builder().pulse(Duration.ofMillis(100), Duration.ofMillis(200),
        false).bounce(4, Duration.ofMillis(1)).build());
    backend.pin(22).play(EdgeScript.builder()
        .pulse(Duration.ofMillis(100), Duration.ofMillis(20), true)
        .pulse(Duration.ofMillis(400), Duration.ofMillis(2_000), true).build());
    clock.advance(Duration.ofSeconds(3));

    assertThat(pressed.eventTypes()).containsExactly("press", "release");
    assertThat(pressed.events().get(0).monotonicNanos()).isEqualTo(start + 100 * MS);
    assertThat(motion.values()).extracting(v -> v.value().raw()).containsExactly(0.0, 1.0, 0.0);
    assertThat(motion.values().get(1).monotonicNanos()).as("stamped at its edge")
        .isEqualTo(start + 400 * MS);
  }
}
