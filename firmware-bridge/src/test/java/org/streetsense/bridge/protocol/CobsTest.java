package org.streetsense.bridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CobsTest {

  @Test
  void encodesAndDecodesSharedVectors() {
    List<String[]> rows = Vectors.rows("cobs.txt");
    assertThat(rows).hasSizeGreaterThan(10);
    for (String[] row : rows) {
      byte[] decoded = Vectors.hex(row[1]);
      byte[] encoded = Vectors.hex(row[2]);
      assertThat(Cobs.encode(decoded)).as("encode %s", row[0]).isEqualTo(encoded);
      assertThat(Cobs.decode(encoded)).as("decode %s", row[0]).hasValue(decoded);
    }
  }

  @Test
  void encodedFormNeverContainsZeroAndRoundTrips() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      byte[] data = new byte[random.nextInt(700)];
      random.nextBytes(data);
      if (i % 3 == 0) {
        for (int k = 0; k < data.length; k += 1 + random.nextInt(5)) {
          data[k] = 0;
        }
      }
      byte[] encoded = Cobs.encode(data);
      assertThat(encoded).doesNotContain((byte) 0);
      assertThat(Cobs.decode(encoded)).hasValue(data);
    }
  }

  @Test
  void rejectsCodeBytePointingPastTheEnd() {
    assertThat(Cobs.decode(Hex.parse("05 11 22"))).isEmpty();
  }

  @Test
  void rejectsEmbeddedZero() {
    assertThat(Cobs.decode(Hex.parse("03 11 00"))).isEmpty();
  }
}
