package org.streetsense.gateway.hardware.wire;

import java.util.Arrays;

/**
 * One Plantower PMS5003 data frame: 32 bytes, start characters 0x42 0x4D, frame length 28 (2 x 13
 * data words + 2), thirteen big-endian data words and a check code that is the 16-bit sum of the
 * 30 bytes before it.
 *
 * <p>Data words (datasheet order): 1-3 PM1.0, PM2.5, PM10 in ug/m3 with CF=1 ("standard
 * particle", the factory calibration), 4-6 the same under atmospheric environment, 7-12 the
 * number of particles beyond 0.3, 0.5, 1.0, 2.5, 5.0 and 10 um in 0.1 L of air, 13 reserved.
 *
 * @param words the thirteen data words, each 0..65535
 */
public record Pms5003Frame(int[] words) {

  /** Bytes in a data frame. */
  public static final int LENGTH = 32;
  /** The frame length field of a data frame: 2 x 13 data words + 2 check bytes. */
  public static final int FRAME_LENGTH_FIELD = 28;
  public static final int START_1 = 0x42;
  public static final int START_2 = 0x4D;

  public Pms5003Frame {
    if (words.length != 13) {
      throw new IllegalArgumentException("a PMS5003 frame has 13 data words, got " + words.length);
    }
    words = words.clone();
  }

  @Override
  public int[] words() {
    return words.clone();
  }

  public int pm1Standard() {
    return words[0];
  }

  public int pm25Standard() {
    return words[1];
  }

  public int pm10Standard() {
    return words[2];
  }

  public int pm1Atmospheric() {
    return words[3];
  }

  public int pm25Atmospheric() {
    return words[4];
  }

  public int pm10Atmospheric() {
    return words[5];
  }

  /** Particles beyond {@code 0.3, 0.5, 1.0, 2.5, 5.0, 10} um per 0.1 L, index 0..5. */
  public int particles(int index) {
    return words[6 + index];
  }

  /** The 32 bytes on the wire. */
  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    b[0] = (byte) START_1;
    b[1] = (byte) START_2;
    b[2] = 0;
    b[3] = (byte) FRAME_LENGTH_FIELD;
    for (int i = 0; i < 13; i++) {
      b[4 + 2 * i] = (byte) (words[i] >> 8);
      b[5 + 2 * i] = (byte) words[i];
    }
    int sum = checksum(b, 30);
    b[30] = (byte) (sum >> 8);
    b[31] = (byte) sum;
    return b;
  }

  /** The 16-bit sum of the first {@code n} bytes. */
  public static int checksum(byte[] b, int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      sum += b[i] & 0xFF;
    }
    return sum & 0xFFFF;
  }

  /**
   * A host command: 0x42 0x4D, command, data high, data low, then the 16-bit sum of those five
   * bytes. Commands: 0xE1 mode (data 0 passive, 1 active), 0xE2 read in passive mode, 0xE4 sleep
   * (0) or wake up (1).
   */
  public static byte[] command(int command, int data) {
    byte[] b = {(byte) START_1, (byte) START_2, (byte) command, (byte) (data >> 8), (byte) data, 0, 0};
    int sum = checksum(b, 5);
    b[5] = (byte) (sum >> 8);
    b[6] = (byte) sum;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pms5003Frame f && Arrays.equals(words, f.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return "Pms5003Frame" + Arrays.toString(words);
  }
}
