package org.streetsense.gateway.hardware.pi4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.exception.Pi4JException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.hardware.HardwareIoException;

class Pi4jErrorsTest {

  @Test
  void remoteIoErrorIsANack() {
    HardwareIoException mapped =
        Pi4jErrors.map(
            "i2c-1 0x76",
            "write 2 bytes",
            new Pi4JException("Failed to execute ioctl", new IOException("Remote I/O error")));

    assertThat(mapped.kind()).isEqualTo(HardwareIoException.Kind.NACK);
    assertThat(mapped)
        .hasMessageStartingWith("i2c-1 0x76: write 2 bytes failed (")
        .hasMessageContaining("Remote I/O error");
  }

  @Test
  void timedOutIsATimeout() {
    assertThat(Pi4jErrors.kindOf(new Pi4JException(new IOException("Connection timed out"))))
        .isEqualTo(HardwareIoException.Kind.TIMEOUT);
  }

  @Test
  void missingBusIsGone() {
    assertThat(
            Pi4jErrors.kindOf(
                new Pi4JException(
                    "Sysfs validation failed for I2C bus 1: path '/sys/bus/i2c/devices/i2c-1' does not exist.")))
        .isEqualTo(HardwareIoException.Kind.BUS_GONE);
    assertThat(Pi4jErrors.kindOf(new IllegalStateException("No gpio chip yet initialized!")))
        .isEqualTo(HardwareIoException.Kind.UNAVAILABLE);
  }

  @Test
  void anythingElseIsOther() {
    assertThat(Pi4jErrors.kindOf(new ArrayIndexOutOfBoundsException("Index 1 out of bounds")))
        .isEqualTo(HardwareIoException.Kind.OTHER);
  }
}
