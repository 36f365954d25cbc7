package org.streetsense.gateway.hardware.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.pi4j.exception.Pi4JException;
import com.pi4j.library.linuxfs.LinuxFile;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.BusFault;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cBus;
import org.streetsense.gateway.hardware.simulated.chips.Bh1750Chip;

/**
 * Issue 14, item 5: the simulated bus and the Pi4J backend report the same
 * {@link HardwareIoException.Kind} for the same fault: a device that does not acknowledge, a
 * transaction that times out, and a bus that is gone. The Pi4J side is what Pi4J 2.8's linuxfs
 * I2C throws on a Pi: a {@code Pi4JException} around linuxfs's {@code LinuxFileException}, whose
 * message is the kernel's {@code strerror(errno)} and whose code is the errno.
 */
class SameFaultSameKindTest {

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("NACK", (Consumer<SimulatedI2cBus>) b -> b.injectFault(0x23, BusFault.nackUntilCleared()),
            Pi4jErrors.EREMOTEIO, "Remote I/O error", HardwareIoException.Kind.NACK),
        Arguments.of("unplugged device", (Consumer<SimulatedI2cBus>) b -> b.injectFault(0x23, BusFault.unplugged()),
            Pi4jErrors.EREMOTEIO, "Remote I/O error", HardwareIoException.Kind.NACK),
        Arguments.of("timeout", (Consumer<SimulatedI2cBus>) b -> b.injectFault(0x23, BusFault.timeoutUntilCleared()),
            Pi4jErrors.ETIMEDOUT, "Connection timed out", HardwareIoException.Kind.TIMEOUT),
        Arguments.of("bus gone (ENODEV)", (Consumer<SimulatedI2cBus>) b -> b.setGone(true),
            Pi4jErrors.ENODEV, "No such device", HardwareIoException.Kind.BUS_GONE),
        Arguments.of("bus gone (ENXIO)", (Consumer<SimulatedI2cBus>) b -> b.setGone(true),
            Pi4jErrors.ENXIO, "No such device or address", HardwareIoException.Kind.BUS_GONE),
        Arguments.of("bus gone (ENOENT)", (Consumer<SimulatedI2cBus>) b -> b.setGone(true),
            Pi4jErrors.ENOENT, "No such file or directory", HardwareIoException.Kind.BUS_GONE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void theSimulatedBusAndPi4jReportTheSameKind(String fault, Consumer<SimulatedI2cBus> inject,
      int errno, String strerror, HardwareIoException.Kind expected) throws Exception {
    HardwareIoException simulated;
    try (SimulatedBackend backend = SimulatedBackend.builder().seed(1).build()) {
      backend.i2cBus(1).attach(0x23, new Bh1750Chip(backend.time()));
      inject.accept(backend.i2cBus(1));
      simulated = catchThrowableOfType(HardwareIoException.class,
          () -> backend.i2c(1, 0x23).write(new byte[] {0x10}));
    }

    // as linuxfs throws it: the errno kept as the code, the message strerror(errno)
    HardwareIoException byCode = Pi4jErrors.map("i2c-1 0x23", "write 1 byte",
        new Pi4JException("Failed to execute ioctl for device", linuxFileException(errno)));
    // as any other layer reports it: only the kernel's text
    HardwareIoException byText = Pi4jErrors.map("i2c-1 0x23", "write 1 byte",
        new Pi4JException("Failed to execute ioctl for device", new IOException(strerror)));

    assertThat(simulated.kind()).isEqualTo(expected);
    assertThat(byCode.kind()).isEqualTo(expected);
    assertThat(byText.kind()).isEqualTo(expected);
  }

  /** A real linuxfs exception with {@code errno} as its code. */
  private static IOException linuxFileException(int errno) throws Exception {
    Constructor<LinuxFile.LinuxFileException> c =
        LinuxFile.LinuxFileException.class.getDeclaredConstructor(int.class);
    c.setAccessible(true);
    try {
      return c.newInstance(errno);
    } catch (java.lang.reflect.InvocationTargetException | LinkageError e) {
      // strerror is native; without the library the code is still what the mapping reads
      LinuxFile.LinuxFileException bare = allocate();
      java.lang.reflect.Field code = LinuxFile.LinuxFileException.class.getDeclaredField("code");
      code.setAccessible(true);
      code.setInt(bare, errno);
      return bare;
    }
  }

  private static LinuxFile.LinuxFileException allocate() throws Exception {
    var unsafeField = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
    unsafeField.setAccessible(true);
    Object unsafe = unsafeField.get(null);
    return (LinuxFile.LinuxFileException) unsafe.getClass()
        .getMethod("allocateInstance", Class.class).invoke(unsafe, LinuxFile.LinuxFileException.class);
  }
}
