package org.streetsense.gateway.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.pca9685.Pca9685Driver;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.chips.Pca9685Chip;

class Pca9685ChannelActuatorTest {

  private final SimulatedBackend backend = SimulatedBackend.builder().seed(1).build();
  private final Pca9685Chip chip = new Pca9685Chip();
  private Pca9685Driver driver;

  @BeforeEach
  void setUp() throws Exception {
    backend.i2cBus(1).attach(0x40, chip);
    DeviceOptions options = new DeviceOptions("leds", Map.of("bus", 1, "address", 0x40, "frequency_hz", 50));
    driver = new Pca9685Driver();
    driver.open(new DriverContext("leds", backend, backend.time(), (delay, task) -> () -> { }, options, () -> { }));
  }

  @AfterEach
  void tearDown() {
    driver.close();
    backend.close();
  }

  @Test
  void dimsALightChannelByDutyCycle() throws Exception {
    Pca9685ChannelActuator ring = new Pca9685ChannelActuator("leds/ring", ActuatorKind.LIGHT, driver, 3, 0);

    ring.apply(0.25);

    assertThat(chip.dutyCycle(3)).isCloseTo(0.25, within(0.001));
    assertThat(ring.level()).isEqualTo(0.25);
  }

  @Test
  void movesAServoToAnAngleAndBackToItsRestingAngle() throws Exception {
    Pca9685ChannelActuator arm = new Pca9685ChannelActuator("leds/arm", ActuatorKind.MOTION, driver, 0, 0);

    arm.apply(90);
    double atNinety = chip.dutyCycle(0);
    arm.toSafeState();

    // 1.5 ms of a 20 ms period at 90 degrees; 1.0 ms at rest (0 degrees)
    assertThat(atNinety).isCloseTo(1.5 / 20, within(0.002));
    assertThat(chip.dutyCycle(0)).isCloseTo(1.0 / 20, within(0.002));
    assertThat(arm.level()).isZero();
  }
}
