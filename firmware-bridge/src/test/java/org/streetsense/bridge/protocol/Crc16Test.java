package org.streetsense.bridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class Crc16Test {

  @Test
  void matchesSharedVectorsIncludingTheStandardCheckValue() {
    List<String[]> rows = Vectors.rows("crc16.txt");
    assertThat(rows).extracting(r -> r[0]).contains("check-123456789");
    for (String[] row : rows) {
      assertThat(Crc16.ccittFalse(Vectors.hex(row[1])))
          .as(row[0]).isEqualTo(Integer.parseInt(row[2], 16));
    }
  }

  @Test
  void checkValueIs29b1() {
    assertThat(Crc16.ccittFalse("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEqualTo(0x29B1);
  }
}
