package org.streetsense.gateway.driver.pca9685;

import java.util.Optional;
import java.util.Set;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.spec.ChipMatch;
import org.streetsense.gateway.driver.spec.ChipSignature;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionRule;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.driver.spec.OutputCapability;
import org.streetsense.gateway.driver.spec.OutputSpec;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.simulated.chips.Pca9685Chip;
import org.streetsense.gateway.status.SensingKind;

/** The {@code pca9685} driver as the installation file sees it: 16 PWM outputs. */
public final class Pca9685Descriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("pca9685", ConnectionKind.I2C)
          .summary("16-channel PWM: LED dimming and servos (NXP PCA9685)")
          .addressRange(0x40, 0x7F, 0x70)
          .indexed(16, "%")
          .sensing(SensingKind.INSTALLATION)
          .output(new OutputSpec(Set.of(OutputCapability.DIMMABLE, OutputCapability.ANGLE),
              "light", false, "off"))
          .option(OptionSpec.builder("frequency", OptionType.INTEGER).driverKey("frequency_hz")
              .unit("Hz").defaultValue(50L).range(24, 1526)
              .doc("PWM frequency for all 16 outputs: 50 for servos, about 1000 for LEDs").build())
          .option(OptionSpec.builder("servoMinPulse", OptionType.INTEGER)
              .driverKey("servo_min_pulse_us").unit("us").defaultValue(1000L).range(100, 3000)
              .doc("servo pulse width at 0 degrees").build())
          .option(OptionSpec.builder("servoMaxPulse", OptionType.INTEGER)
              .driverKey("servo_max_pulse_us").unit("us").defaultValue(2000L).range(100, 3000)
              .doc("servo pulse width at servoRange degrees; longer than servoMinPulse").build())
          .option(OptionSpec.builder("servoRange", OptionType.NUMBER).driverKey("servo_range_deg")
              .unit("degrees").defaultValue(180.0).range(1, 360)
              .doc("the servo's travel between servoMinPulse and servoMaxPulse").build())
          .option(OptionSpec.builder("activeLow", OptionType.BOOLEAN).driverKey("active_low")
              .defaultValue(false)
              .doc("every output is on while low: the duty is inverted (common-anode LEDs)")
              .build())
          .rule(OptionRule.greater("servoMaxPulse", "servoMinPulse"))
          .factory(o -> new Pca9685Driver())
          .simulated(ctx -> {
            DeviceOptions o = ctx.options();
            ctx.backend().i2cBus(o.intValue("bus")).attach(o.intValue("address"),
                new Pca9685Chip());
          })
          .signature(ChipSignature.strong(Pca9685Descriptor::identify))
          .build();

  private Pca9685Descriptor() {}

  /** MODE1 near its power-on value 0x11 and a plausible PRE_SCALE. */
  static Optional<ChipMatch> identify(I2cDevice dev) {
    if (dev.address() == 0x70) {
      return Optional.empty();
    }
    try {
      int mode1 = dev.readRegister(0x00);
      int prescale = dev.readRegister(0xFE);
      boolean plausible = (mode1 & 0x4F) == 0x01 && prescale >= 3;
      return plausible
          ? Optional.of(new ChipMatch("pca9685",
              String.format("MODE1 = 0x%02X (power-on 0x11), PRE_SCALE = %d", mode1, prescale)))
          : Optional.empty();
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }
}
