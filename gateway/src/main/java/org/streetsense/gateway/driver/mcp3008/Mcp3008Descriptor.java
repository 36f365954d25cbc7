package org.streetsense.gateway.driver.mcp3008;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DeclaredChannel;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.hardware.simulated.chips.Mcp3008Chip;

/** The {@code mcp3008} driver as the installation file sees it. */
public final class Mcp3008Descriptor {

  public static final DriverDescriptor DESCRIPTOR =
      DriverDescriptor.builder("mcp3008", ConnectionKind.SPI)
          .summary("10-bit ADC, 8 inputs (Microchip MCP3008)")
          .indexed(8, "raw")
          .samplesEvery(Duration.ofSeconds(1))
          .option(OptionSpec.builder("clock", OptionType.INTEGER).driverKey("clock_hz")
              .unit("Hz").defaultValue(1_000_000L).range(10_000, 1_350_000)
              .doc("SPI clock; at most 1.35 MHz with the chip at 2.7..3.3 V").build())
          .factory(Mcp3008Driver::new)
          .channelLayout(Mcp3008Descriptor::layout)
          .simulated(ctx -> {
            DeviceOptions o = ctx.options();
            ctx.backend().spiBus(o.intValue("bus")).attach(o.intValue("chip_select"),
                new Mcp3008Chip(3.3));
          })
          .build();

  private Mcp3008Descriptor() {}

  /** One single-ended input per declared channel. */
  private static void layout(List<DeclaredChannel> channels, Map<String, Object> options) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (DeclaredChannel c : channels) {
      inputs.add(Map.of("name", c.name(), "channel", c.indexOrZero()));
    }
    options.put("channels", inputs);
  }
}
