package org.streetsense.gateway.hardware.simulated.chips;

/**
 * The factory trimming parameters a simulated BME280 carries in its NVM (registers 0x88-0xA1 and
 * 0xE1-0xE7), as signed/unsigned values per the datasheet's table "Compensation parameter storage".
 */
public record Bme280Calibration(
    int t1, int t2, int t3,
    int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
    int h1, int h2, int h3, int h4, int h5, int h6) {

  /**
   * Temperature and pressure words from the datasheet's worked example (dig_T1=27504 ...
   * dig_P9=6000), humidity words typical of production parts.
   */
  public static final Bme280Calibration DATASHEET_EXAMPLE =
      new Bme280Calibration(
          27504, 26435, -1000,
          36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
          75, 362, 0, 313, 50, 30);

  /** Registers 0x88..0xA1 (26 bytes, little-endian words, dig_H1 at 0xA1). */
  byte[] block88() {
    byte[] b = new byte[26];
    int[] words = {t1, t2, t3, p1, p2, p3, p4, p5, p6, p7, p8, p9};
    for (int i = 0; i < words.length; i++) {
      b[2 * i] = (byte) words[i];
      b[2 * i + 1] = (byte) (words[i] >> 8);
    }
    b[25] = (byte) h1;
    return b;
  }

  /** Registers 0xE1..0xE7 with dig_H4/dig_H5 packed as 12-bit values sharing 0xE5. */
  byte[] blockE1() {
    return new byte[] {
      (byte) h2,
      (byte) (h2 >> 8),
      (byte) h3,
      (byte) (h4 >> 4),
      (byte) ((h4 & 0x0F) | ((h5 & 0x0F) << 4)),
      (byte) (h5 >> 4),
      (byte) h6
    };
  }
}
