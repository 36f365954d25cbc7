package org.streetsense.gateway.driver.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverRegistry;

/** Descriptors refuse declarations that cannot work, and the registered ones are consistent. */
class DriverDescriptorTest {

  private static DriverDescriptor.Builder sensor() {
    return DriverDescriptor.builder("lux9000", ConnectionKind.I2C).summary("a light sensor")
        .addresses(0x29).channel("illuminance", "lx").samplesEvery(Duration.ofSeconds(1));
  }

  @Test
  void aWellFormedDescriptorBuilds() {
    DriverDescriptor d = sensor()
        .option(OptionSpec.integer("gain", "x", 1, 1, 64, "amplification"))
        .build();

    assertThat(d.configName()).isEqualTo("lux9000");
    assertThat(d.option("gain")).map(OptionSpec::driverKey).contains("gain");
    assertThat(d.addressText()).isEqualTo("0x29");
    assertThat(d.isOutput()).isFalse();
  }

  @Test
  void refusesDeclarationsThatCannotWork() {
    assertThatThrownBy(() -> DriverDescriptor.builder("lux9000", ConnectionKind.I2C)
        .summary("x").channel("l", "lx").samplesEvery(Duration.ofSeconds(1)).build())
        .hasMessage("driver 'lux9000': I2C chips and only they list their addresses");
    assertThatThrownBy(() -> sensor().eventsByDefault().build())
        .hasMessage("driver 'lux9000': event or periodic by default, not both");
    assertThatThrownBy(() -> DriverDescriptor.builder("lamp2", ConnectionKind.GPIO_OUTPUT)
        .summary("x").build())
        .hasMessage("driver 'lamp2': a GPIO output declares its output");
    assertThatThrownBy(() -> DriverDescriptor.builder("lamp2", ConnectionKind.GPIO_OUTPUT)
        .summary("x").output(OutputSpec.onOff("light", false))
        .samplesEvery(Duration.ofSeconds(1)).build())
        .hasMessage("driver 'lamp2': an output has no sampling");
    assertThatThrownBy(() -> sensor().option(OptionSpec.bool("fast", false, "x"))
        .option(OptionSpec.bool("fast", true, "y")).build())
        .hasMessage("driver 'lux9000': option 'fast' is declared twice");
    assertThatThrownBy(() -> sensor().rule(OptionRule.greater("max", "min")).build())
        .hasMessageContaining("names an option it does not declare");
    assertThatThrownBy(() -> DriverDescriptor.builder("Lux", ConnectionKind.SPI).summary("x")
        .samplesEvery(Duration.ofSeconds(1)).build())
        .hasMessage("driver 'Lux': name must be lower-case like bme280");
  }

  @Test
  void optionsRefuseInconsistentDeclarations() {
    assertThatThrownBy(() -> OptionSpec.integer("gain", "x", 100, 1, 64, "amplification"))
        .hasMessage("option 'gain' default 100 lies outside its range");
    assertThatThrownBy(() -> OptionSpec.bool("active_low", true, "x"))
        .hasMessage("option key 'active_low' must be camelCase like activeLow");
    assertThatThrownBy(() -> OptionSpec.choice("mode", "fast", List.of("slow"), "x"))
        .hasMessage("option 'mode' default fast is not a choice");
    assertThatThrownBy(() -> OptionSpec.builder("wait", OptionType.DURATION).build())
        .hasMessage("option 'wait' needs one line of doc");
  }

  @Test
  void optionsDescribeTheirValuesForMessagesAndDocs() {
    OptionSpec debounce = OptionSpec.duration("debounce", Duration.ofMillis(20), Duration.ZERO,
        Duration.ofSeconds(1), "stable this long");

    assertThat(debounce.defaultText()).isEqualTo("20ms");
    assertThat(debounce.rangeText()).isEqualTo("0ms..1s");
    assertThat(debounce.expected()).isEqualTo(
        "a duration like 20ms (a whole number with a unit ms, s, m or h)");
  }

  @Test
  void everyRegisteredDriverIsCreatedFromItsDefaultsOrIsRunWithoutADriverObject() {
    for (DriverDescriptor d : DriverRegistry.all()) {
      d.factory().ifPresent(f -> assertThat(f.create(DeviceOptions.empty("x")))
          .as(d.configName()).isNotNull());
      if (d.factory().isEmpty()) {
        assertThat(d.kind()).as(d.configName())
            .isIn(ConnectionKind.GPIO_OUTPUT, ConnectionKind.BOARD);
      }
    }
  }

  @Test
  void everyRegisteredI2cChipHasAProbeSignatureAndAddresses() {
    assertThat(DriverRegistry.all()).filteredOn(d -> d.kind() == ConnectionKind.I2C)
        .isNotEmpty()
        .allSatisfy(d -> {
          assertThat(d.signature()).as(d.configName()).isPresent();
          assertThat(d.addresses()).as(d.configName()).isNotEmpty();
        });
  }
}
