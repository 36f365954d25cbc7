package org.streetsense.gateway.hardware.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import org.junit.jupiter.api.Test;

class RaspberryPiContextTest {

  @Test
  void realContextHasGpiodAndLinuxfsProvidersAndNoMocks() {
    Context context = Pi4jBackend.raspberryPiContext(0);
    try {
      assertThat(context.providers().all().keySet())
          .containsExactlyInAnyOrder(
              GpioDDigitalInputProvider.ID,
              GpioDDigitalOutputProvider.ID,
              LinuxFsI2CProvider.ID,
              LinuxFsSpiProvider.ID,
              LinuxFsPwmProvider.ID)
          .noneMatch(id -> id.contains("mock"));
      assertThat(context.platforms().all()).isEmpty();
    } finally {
      context.shutdown();
    }
  }

  @Test
  void negativePwmChipIsRejected() {
    assertThatThrownBy(() -> Pi4jBackend.raspberryPiContext(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pwmChip must be >= 0");
  }
}
