package org.streetsense.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFilesTest {

  @TempDir Path dir;

  @Test
  void listsAFileHeldOpenUnderTheDirectoryUntilItIsClosed() throws Exception {
    Path file = Files.writeString(dir.resolve("segment"), "x");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      assertThat(OpenFiles.under(dir)).containsExactly(file.toRealPath().toString());
    }
    assertThat(OpenFiles.under(dir)).isEmpty();
  }

  @Test
  void listsAFileDeletedWhileOpenAndNothingOutsideTheDirectory() throws Exception {
    Path inside = Files.createDirectories(dir.resolve("spool"));
    Path file = Files.writeString(inside.resolve("old.seg"), "x");
    String named = file.toRealPath() + " (deleted)";
    Path outside = Files.writeString(dir.resolve("other"), "y");
    try (FileChannel held = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel elsewhere = FileChannel.open(outside, StandardOpenOption.READ)) {
      Files.delete(file);
      assertThat(OpenFiles.under(inside)).containsExactly(named);
    }
  }
}
