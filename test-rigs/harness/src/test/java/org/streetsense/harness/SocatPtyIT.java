package org.streetsense.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SocatPtyIT {

  @Test
  void bytesWrittenToOneEndArriveAtTheOtherAndUnplugRemovesBothEnds() throws IOException {
    try (SocatPty pty = new SocatPty()) {
      pty.start();
      assertThat(pty.hostEnd()).exists();
      Path realBoard = pty.boardEnd().toRealPath();
      try (InputStream in = Files.newInputStream(pty.boardEnd());
          OutputStream out = Files.newOutputStream(pty.hostEnd())) {
        out.write(new byte[] {1, 2, 3});
        out.flush();
        assertThat(in.readNBytes(3)).containsExactly(1, 2, 3);
      }
      pty.unplug();
      assertThat(realBoard).doesNotExist();
      pty.replug();
      assertThat(pty.boardEnd()).exists();
    }
  }
}
