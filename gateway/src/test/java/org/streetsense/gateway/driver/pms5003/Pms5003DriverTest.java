package org.streetsense.gateway.driver.pms5003;

import org.streetsense.gateway.hardware.wire.Pms5003Frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.streetsense.gateway.driver.testing.DriverHarness.value;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.SampleStep;
import org.streetsense.gateway.driver.testing.ManualScheduler;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.chips.Pms5003Sensor;
import org.streetsense.gateway.pipeline.Quality;

class Pms5003DriverTest {

  private static final String PORT = "/dev/serial0";

  private final ManualTimeSource time = new ManualTimeSource();
  private final SimulatedBackend backend = SimulatedBackend.builder().timeSource(time).build();
  private final Pms5003Sensor sensor = new Pms5003Sensor(time, time, "pms")
      .pm1(() -> 12).pm25(() -> 48).pm10(() -> 70);
  private final Pms5003Driver driver = new Pms5003Driver();

  Pms5003DriverTest() {
    backend.attachSerial(PORT, sensor::hostLink);
  }

  @AfterEach
  void tearDown() {
    driver.close();
    sensor.close();
    backend.close();
  }

  @Test
  void readsAtmosphericConcentrationsFromTheNewestFrameAndTrustsThemAfterTheFanSettles()
      throws Exception {
    driver.open(context(Map.of()));
    sensor.sendFrameNow();
    List<ChannelValue> first = sampleAfterFrames(1);
    assertThat(value(first, "pm1_0").raw()).isEqualTo(12.0);
    assertThat(value(first, "pm2_5").raw()).isEqualTo(48.0);
    assertThat(value(first, "pm10").raw()).isEqualTo(70.0);
    assertThat(first).as("fan settling for 30 s after wake-up")
        .allMatch(v -> v.quality() == Quality.SUSPECT);
    time.advance(Duration.ofSeconds(30));
    sensor.sendFrameNow();
    assertThat(sampleAfterFrames(2)).allMatch(v -> v.quality() == Quality.GOOD);
  }

  @Test
  void framesArriveOnTheirOwnInActiveMode() throws Exception {
    sensor.start();
    driver.open(context(Map.of()));
    time.advance(Pms5003Sensor.STABLE_INTERVAL);
    assertThat(value(sampleAfterFrames(1), "pm2_5").raw()).isEqualTo(48.0);
  }

  @Test
  void standardConcentrationReadsTheCf1Words() throws Exception {
    driver.open(context(Map.of("concentration", "standard")));
    sensor.sendFrameNow();
    // the model's CF=1 words: 30 + (48 - 30) * 1.5 = 57, 30 + 40 * 1.5 = 90
    List<ChannelValue> v = sampleAfterFrames(1);
    assertThat(value(v, "pm1_0").raw()).isEqualTo(12.0);
    assertThat(value(v, "pm2_5").raw()).isEqualTo(57.0);
    assertThat(value(v, "pm10").raw()).isEqualTo(90.0);
  }

  @Test
  void tornAndGarbledFramesAreDroppedAndTheNextWholeFrameIsRead() throws Exception {
    driver.open(context(Map.of()));
    sensor.tearNextFrame();
    sensor.sendFrameNow();
    sensor.garbleNextFrame();
    sensor.sendFrameNow();
    sensor.sendFrameNow();
    List<ChannelValue> v = sampleAfterFrames(1);
    assertThat(value(v, "pm2_5").raw()).isEqualTo(48.0);
    assertThat(driver.badFrames()).isEqualTo(2);
  }

  @Test
  void aSilentSensorIsATimeoutAfterFiveSeconds() throws Exception {
    sensor.silent(true);
    sensor.start();
    driver.open(context(Map.of()));
    SampleStep step = driver.start();
    for (int i = 0; i < 24; i++) {
      time.advance(((SampleStep.Pending) step).delay());
      step = driver.collect();
    }
    time.advance(Duration.ofMillis(200));
    assertThatThrownBy(driver::collect).isInstanceOfSatisfying(HardwareIoException.class,
        e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.TIMEOUT))
        .hasMessageContaining("no valid PMS5003 frame on /dev/serial0 for 5 s");
  }

  @Test
  void passiveModeAsksForEachFrame() throws Exception {
    sensor.start();
    driver.open(context(Map.of("mode", "passive")));
    await().atMost(Duration.ofSeconds(5)).until(sensor::passive);
    time.advance(Duration.ofSeconds(10));
    assertThat(driver.framesReceived()).as("no frames unasked").isZero();
    // the read command's answer comes back on the line while start() runs
    List<ChannelValue> v = ((SampleStep.Ready) driver.start()).values();
    assertThat(driver.framesReceived()).isEqualTo(1);
    assertThat(value(v, "pm10").raw()).isEqualTo(70.0);
    assertThat(sensor.commandsRejected()).isZero();
  }

  @Test
  void wakesASensorThatAnEarlierRunLeftAsleep() throws Exception {
    driver.open(context(Map.of()));
    driver.close();
    sensor.hostLink().open();
    sensor.hostLink().write(Pms5003Frame.command(0xE4, 0));
    await().atMost(Duration.ofSeconds(5)).until(sensor::asleep);
    sensor.hostLink().close();
    Pms5003Driver again = new Pms5003Driver();
    try {
      again.open(context(Map.of()));
      await().atMost(Duration.ofSeconds(5)).until(() -> !sensor.asleep());
    } finally {
      again.close();
    }
  }

  @Test
  void anUnpluggedLineIsUnavailableAndReopensWhenPluggedBack() throws Exception {
    driver.open(context(Map.of()));
    sensor.unplug();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThatThrownBy(driver::start).isInstanceOfSatisfying(HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE)));
    driver.close();
    assertThatThrownBy(() -> driver.open(context(Map.of())))
        .isInstanceOf(HardwareIoException.class).hasMessageContaining("unplugged");
    sensor.plug();
    driver.open(context(Map.of()));
    sensor.sendFrameNow();
    assertThat(value(sampleAfterFrames(1), "pm1_0").raw()).isEqualTo(12.0);
  }

  @Test
  void aPortWithNothingOnItIsUnavailable() {
    assertThatThrownBy(() -> driver.open(context(Map.of("port", "/dev/ttyUSB7"))))
        .isInstanceOfSatisfying(HardwareIoException.class,
            e -> assertThat(e.kind()).isEqualTo(HardwareIoException.Kind.UNAVAILABLE));
  }

  @Test
  void thePortIsRequired() {
    DriverContext noPort = new DriverContext("dust", backend, time, new ManualScheduler(),
        new DeviceOptions("dust", Map.of()), () -> {});
    assertThatThrownBy(() -> driver.open(noPort)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("device 'dust' option 'port' is required");
  }

  private List<ChannelValue> sampleAfterFrames(long frames) throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> driver.framesReceived() >= frames);
    return ((SampleStep.Ready) driver.start()).values();
  }

  private DriverContext context(Map<String, Object> options) {
    Map<String, Object> withPort = new java.util.HashMap<>(Map.of("port", PORT));
    withPort.putAll(options);
    return new DriverContext("dust", backend, time, new ManualScheduler(),
        new DeviceOptions("dust", withPort), () -> {});
  }
}
