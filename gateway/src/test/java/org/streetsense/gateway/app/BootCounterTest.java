package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootCounterTest {

  @TempDir Path dir;

  @Test
  void countsStartsFromOneAndPersistsAcrossCalls() throws Exception {
    assertThat(BootCounter.increment(dir)).isEqualTo(1);
    assertThat(BootCounter.increment(dir)).isEqualTo(2);
    assertThat(BootCounter.increment(dir)).isEqualTo(3);
    assertThat(Files.readString(dir.resolve(BootCounter.FILE_NAME)).trim()).isEqualTo("3");
  }

  @Test
  void restartsCountingWhenTheFileIsGarbage() throws Exception {
    Files.writeString(dir.resolve(BootCounter.FILE_NAME), "\u0000\u0000garbage");
    assertThat(BootCounter.increment(dir)).isEqualTo(1);
  }

  @Test
  void createsTheDataDirectoryWhenMissing() throws Exception {
    Path nested = dir.resolve("var/lib/streetsense");
    assertThat(BootCounter.increment(nested)).isEqualTo(1);
    assertThat(nested).isDirectory();
  }
}
