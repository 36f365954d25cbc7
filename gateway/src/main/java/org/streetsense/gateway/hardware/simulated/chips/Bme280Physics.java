package org.streetsense.gateway.hardware.simulated.chips;

/**
 * The chip's side of the Bosch integer compensation, used to turn physical inputs into the raw ADC
 * words a real BME280 would produce: each compensation formula is monotonic in its ADC word, so the
 * model searches for the word whose compensated value is closest to the physical input.
 */
final class Bme280Physics {

  private final Bme280Calibration c;

  Bme280Physics(Bme280Calibration c) {
    this.c = c;
  }

  int tFine(int adcT) {
    int var1 = (((adcT >> 3) - (c.t1() << 1)) * c.t2()) >> 11;
    int d = (adcT >> 4) - c.t1();
    int var2 = (((d * d) >> 12) * c.t3()) >> 14;
    return var1 + var2;
  }

  /** Pressure in Pa as Q24.8 (64-bit datasheet formula). */
  long pressureQ8(int adcP, int tFine) {
    long var1 = (long) tFine - 128000;
    long var2 = var1 * var1 * c.p6();
    var2 = var2 + ((var1 * c.p5()) << 17);
    var2 = var2 + (((long) c.p4()) << 35);
    var1 = ((var1 * var1 * c.p3()) >> 8) + ((var1 * c.p2()) << 12);
    var1 = ((((long) 1) << 47) + var1) * c.p1() >> 33;
    if (var1 == 0) {
      return 0;
    }
    long p = 1048576 - adcP;
    p = (((p << 31) - var2) * 3125) / var1;
    var1 = (((long) c.p9()) * (p >> 13) * (p >> 13)) >> 25;
    var2 = (((long) c.p8()) * p) >> 19;
    return ((p + var1 + var2) >> 8) + (((long) c.p7()) << 4);
  }

  /** Relative humidity in %RH as Q22.10. */
  int humidityQ10(int adcH, int tFine) {
    int v = tFine - 76800;
    v = ((((adcH << 14) - (c.h4() << 20) - (c.h5() * v)) + 16384) >> 15)
        * (((((((v * c.h6()) >> 10) * (((v * c.h3()) >> 11) + 32768)) >> 10) + 2097152) * c.h2()
                + 8192) >> 14);
    v = v - (((((v >> 15) * (v >> 15)) >> 7) * c.h1()) >> 4);
    v = Math.max(0, Math.min(v, 419430400));
    return v >> 12;
  }

  int adcTemperature(double celsius) {
    double target = celsius * 5120.0;
    return search(0, 0xFFFFF, adc -> tFine(adc) - target, true);
  }

  int adcPressure(double pascal, int tFine) {
    double target = pascal * 256.0;
    return search(0, 0xFFFFF, adc -> pressureQ8(adc, tFine) - target, false);
  }

  int adcHumidity(double percent, int tFine) {
    double target = percent * 1024.0;
    return search(0, 0xFFFF, adc -> humidityQ10(adc, tFine) - target, true);
  }

  private interface Error {
    double at(int adc);
  }

  /** Binary search on a monotonic function for the ADC word with the smallest error. */
  private static int search(int lo, int hi, Error f, boolean increasing) {
    int a = lo;
    int b = hi;
    while (b - a > 1) {
      int mid = (a + b) >>> 1;
      double e = f.at(mid);
      if ((e < 0) == increasing) {
        a = mid;
      } else {
        b = mid;
      }
    }
    return Math.abs(f.at(a)) <= Math.abs(f.at(b)) ? a : b;
  }
}
