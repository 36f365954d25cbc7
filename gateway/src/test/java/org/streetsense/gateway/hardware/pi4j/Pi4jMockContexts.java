package org.streetsense.gateway.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;

/** Pi4J contexts built explicitly from the mock plugin's providers, and lookups into them. */
public final class Pi4jMockContexts {

  private Pi4jMockContexts() {}

  public static Context mockContext() {
    return Pi4J.newContextBuilder()
        .noAutoDetect()
        .add(
            MockDigitalInputProvider.newInstance(),
            MockDigitalOutputProvider.newInstance(),
            MockI2CProvider.newInstance(),
            MockSpiProvider.newInstance(),
            MockPwmProvider.newInstance())
        .build();
  }

  /** The single IO of {@code type} the backend opened in {@code context}. */
  public static <T extends IO<?, ?, ?>> T only(Context context, Class<T> type) {
    var matches = context.registry().all().values().stream().filter(type::isInstance).toList();
    if (matches.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", found " + matches);
    }
    return type.cast(matches.get(0));
  }
}
