package org.streetsense.gateway.driver.bme280;

/**
 * Bosch's integer compensation (BME280 datasheet section 4.2.3 and 8.2), parsed from the raw
 * calibration registers. Temperature yields {@code t_fine}, which pressure and humidity use.
 */
public final class Bme280Compensation {

  private final int t1;
  private final int t2;
  private final int t3;
  private final int p1;
  private final int p2;
  private final int p3;
  private final int p4;
  private final int p5;
  private final int p6;
  private final int p7;
  private final int p8;
  private final int p9;
  private final int h1;
  private final int h2;
  private final int h3;
  private final int h4;
  private final int h5;
  private final int h6;

  /**
   * @param block88 registers 0x88..0xA1 (26 bytes)
   * @param blockE1 registers 0xE1..0xE7 (7 bytes)
   */
  public Bme280Compensation(byte[] block88, byte[] blockE1) {
    if (block88.length != 26 || blockE1.length != 7) {
      throw new IllegalArgumentException("calibration blocks must be 26 and 7 bytes");
    }
    t1 = u16(block88, 0);
    t2 = s16(block88, 2);
    t3 = s16(block88, 4);
    p1 = u16(block88, 6);
    p2 = s16(block88, 8);
    p3 = s16(block88, 10);
    p4 = s16(block88, 12);
    p5 = s16(block88, 14);
    p6 = s16(block88, 16);
    p7 = s16(block88, 18);
    p8 = s16(block88, 20);
    p9 = s16(block88, 22);
    h1 = block88[25] & 0xFF;
    h2 = s16(blockE1, 0);
    h3 = blockE1[2] & 0xFF;
    h4 = (blockE1[3] << 4) | (blockE1[4] & 0x0F);
    h5 = (blockE1[5] << 4) | ((blockE1[4] & 0xFF) >> 4);
    h6 = blockE1[6];
  }

  /** Datasheet's test word order, for tests and diagnostics: T1 T2 T3 P1..P9 H1..H6. */
  public int[] words() {
    return new int[] {t1, t2, t3, p1, p2, p3, p4, p5, p6, p7, p8, p9, h1, h2, h3, h4, h5, h6};
  }

  /** {@code t_fine} from the 20-bit raw temperature. */
  public int tFine(int adcT) {
    int var1 = (((adcT >> 3) - (t1 << 1)) * t2) >> 11;
    int d = (adcT >> 4) - t1;
    int var2 = (((d * d) >> 12) * t3) >> 14;
    return var1 + var2;
  }

  /** Temperature in 0.01 degC, e.g. 5123 = 51.23 degC. */
  public int temperatureCenti(int tFine) {
    return (tFine * 5 + 128) >> 8;
  }

  /** Pressure in Pa as unsigned Q24.8 (24 integer bits, 8 fractional), 0 if P1 is 0. */
  public long pressureQ8(int adcP, int tFine) {
    long var1 = (long) tFine - 128000;
    long var2 = var1 * var1 * p6;
    var2 = var2 + ((var1 * p5) << 17);
    var2 = var2 + (((long) p4) << 35);
    var1 = ((var1 * var1 * p3) >> 8) + ((var1 * p2) << 12);
    var1 = ((((long) 1) << 47) + var1) * p1 >> 33;
    if (var1 == 0) {
      return 0;
    }
    long p = 1048576 - adcP;
    p = (((p << 31) - var2) * 3125) / var1;
    var1 = (((long) p9) * (p >> 13) * (p >> 13)) >> 25;
    var2 = (((long) p8) * p) >> 19;
    return ((p + var1 + var2) >> 8) + (((long) p7) << 4);
  }

  /** Relative humidity in %RH as unsigned Q22.10. */
  public int humidityQ10(int adcH, int tFine) {
    int v = tFine - 76800;
    v = ((((adcH << 14) - (h4 << 20) - (h5 * v)) + 16384) >> 15)
        * (((((((v * h6) >> 10) * (((v * h3) >> 11) + 32768)) >> 10) + 2097152) * h2 + 8192)
            >> 14);
    v = v - (((((v >> 15) * (v >> 15)) >> 7) * h1) >> 4);
    v = v < 0 ? 0 : Math.min(v, 419430400);
    return v >> 12;
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
  }

  private static int s16(byte[] b, int i) {
    return (short) u16(b, i);
  }
}
