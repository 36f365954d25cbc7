package org.streetsense.bridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialPortsTest {

  @Test
  void listsStableNamesSorted(@TempDir Path dir) throws IOException {
    Files.createFile(dir.resolve("usb-Arduino_Uno_B-if00"));
    Files.createFile(dir.resolve("usb-Arduino_Uno_A-if00"));
    assertThat(SerialPorts.list(dir)).extracting(p -> p.getFileName().toString())
        .containsExactly("usb-Arduino_Uno_A-if00", "usb-Arduino_Uno_B-if00");
  }

  @Test
  void missingDirectoryMeansNoPorts(@TempDir Path dir) {
    assertThat(SerialPorts.list(dir.resolve("absent"))).isEmpty();
  }
}
