package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.harness.FreePorts;

class SafeOutputsTest {

  @Test
  void everyDeclaredOutputPca9685ChannelsIncludedReadsBackItsSafeLevelWithoutABroker()
      throws Exception {
    int nobody = FreePorts.next();
    String yaml = """
        installation: outputs
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 500ms}
          - {id: lamp, driver: led, pin: 18, safeState: off}
          - {id: door, driver: relay, pin: 23, safeState: on}
          - id: leds
            driver: pca9685
            address: 0x40
            safeState: off
            channels:
              ring: {index: 0}
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d"}
        spool: {dir: /tmp/streetsense-safe-outputs-test}
        """.formatted(nobody);
    Installation inst = InstallationLoader.load("outputs.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

    SafeOutputs.Report report = SafeOutputs.run(inst, Duration.ofSeconds(1));

    assertThat(report.outputs()).extracting(SafeOutputs.Output::actuator)
        .containsExactly("lamp", "door", "leds/ring");
    assertThat(report.outputs()).allMatch(SafeOutputs.Output::safe);
    assertThat(report.outputs()).extracting(SafeOutputs.Output::level)
        .containsExactly(0.0, 1.0, 0.0);
    assertThat(report.allSafe()).isTrue();
    assertThat(report.published()).isFalse();
    assertThat(report.publishProblem()).contains("no connection to the broker within 1000 ms",
        "127.0.0.1:" + nobody);
  }
}
