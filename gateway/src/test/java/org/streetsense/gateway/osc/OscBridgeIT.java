package org.streetsense.gateway.osc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.RecordingActuator;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;
import org.streetsense.harness.FreePorts;

/** OSC out and in, checked with Debian's liblo-tools (oscdump, oscsend) as an independent peer. */
@Timeout(60)
class OscBridgeIT {

  @TempDir Path dir;
  private Process oscdump;
  private CommandProcessor processor;

  @AfterEach
  void tearDown() throws Exception {
    if (oscdump != null) {
      oscdump.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    if (processor != null) {
      processor.close();
    }
  }

  private static Reading reading(String device, String channel, double value) {
    return new Reading("demo", device, channel, value, "lx", Quality.GOOD,
        new ObservedTime(System.currentTimeMillis(), System.nanoTime(), true), 1);
  }

  @Test
  void sendsOneValuePerAddressAndBundlesThatOscdumpReceives() throws Exception {
    int port = FreePorts.next();
    Path out = dir.resolve("oscdump.out");
    oscdump = new ProcessBuilder("oscdump", "-L", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    OscTarget raw = OscTarget.builder("127.0.0.1", port).bundle(true).build();
    OscTarget normalised = OscTarget.builder("127.0.0.1", port).normalise(true).prefix("/norm").build();
    try (OscOut osc = new OscOut(List.of(raw, normalised), Map.of("light-1/lux", new ChannelRange(0, 1000)))) {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        osc.accept(reading("light-1", "lux", 250));
        assertThat(Files.readString(out)).contains("/streetsense/light-1/lux f 250.000000")
            .contains("/norm/light-1/lux f 0.250000");
      });

      osc.accept(new InteractionEvent("demo", "touch", "electrode3", "touch_end", 640,
          new ObservedTime(System.currentTimeMillis(), System.nanoTime(), true), 7));
      osc.accept(reading("air-1", "temperature", 21.5));
      osc.sendSnapshot();

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(out))
          .contains("/streetsense/touch/electrode3/touch_end f 640.000000")
          .contains("/streetsense/air-1/temperature f 21.500000"));
      assertThat(osc.droppedCount()).isZero();
    }
  }

  @Test
  void turnsOscsendMessagesIntoCommandsUnderTheSafetyPolicy() throws Exception {
    RecordingActuator led = new RecordingActuator("led-2", ActuatorKind.LIGHT, 0.0);
    SafetyPolicy policy = new SafetyPolicy(List.of(
        ActuatorLimits.builder("led-2").operations(EnumSet.of(Operation.SET, Operation.FADE)).build()),
        QuietHours.none(), System::currentTimeMillis, System::nanoTime);
    processor = new CommandProcessor(List.of(led), policy, TimeSource.system(), CommandProcessorOptions.defaults());
    int port = FreePorts.next();
    try (OscIn in = new OscIn(new InetSocketAddress("127.0.0.1", port), "/streetsense", processor, TimeSource.system())) {
      in.start();

      java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        oscsend(port, "/streetsense/led-2/set", "f", "0.5");
        sent.incrementAndGet();
        assertThat(led.applied()).contains(0.5);
      });
      // every 0.5 sent while waiting is counted before the refusals are judged
      await().atMost(Duration.ofSeconds(10))
          .until(() -> processor.stats().acceptedCount() == sent.get());
      long acceptedBefore = processor.stats().acceptedCount();
      oscsend(port, "/streetsense/led-2/set", "f", "3.0");
      oscsend(port, "/streetsense/led-2/explode", "f", "1.0");
      oscsend(port, "/streetsense/led-2/set", "s", "bright");

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(processor.stats().rejectedCount(RejectReason.OUT_OF_RANGE)).isEqualTo(1);
        assertThat(processor.stats().rejectedCount(RejectReason.MALFORMED)).isEqualTo(2);
      });
      assertThat(processor.stats().acceptedCount()).isEqualTo(acceptedBefore);
      assertThat(led.applied()).doesNotContain(3.0);
    }
  }

  private static void oscsend(int port, String address, String types, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("oscsend", "127.0.0.1", Integer.toString(port), address, types));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("oscsend exit code").isZero();
  }
}
