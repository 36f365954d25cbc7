package org.streetsense.gateway.dmx;

/**
 * How a fixture's strobe channel maps DMX values to flashes per second: values up to
 * {@code openMax} mean no strobe; {@code slowValue..fastValue} run linearly from {@code slowHz}
 * to {@code fastHz}. Taken from the fixture's manual.
 */
public record StrobeRange(int openMax, int slowValue, int fastValue, double slowHz, double fastHz) {

  /** The common LED-par layout: 0..9 open, 10..255 from 1 to 20 flashes per second. */
  public static final StrobeRange COMMON = new StrobeRange(9, 10, 255, 1, 20);

  public StrobeRange {
    if (!(0 <= openMax && openMax < slowValue && slowValue < fastValue && fastValue <= 255)) {
      throw new IllegalArgumentException("strobe values need 0 <= open < slow < fast <= 255");
    }
    if (!(0 < slowHz && slowHz < fastHz)) {
      throw new IllegalArgumentException("strobe rates need 0 < slow < fast flashes per second");
    }
  }

  /**
   * The DMX value for strobe level {@code level} (0: off; (0, 1]: linearly from the slowest rate
   * to the fastest allowed, the lower of {@code maxHz} and the fixture's fastest); rounded down, so the rate sent never
   * exceeds the limit. 0 when {@code maxHz} is below the slowest rate the fixture has.
   */
  public int value(double level, double maxHz) {
    if (!(level > 0) || maxHz < slowHz) {
      return 0;
    }
    // the whole level range is usable: 0+ is the slowest rate, 1 the fastest the limit allows
    double hz = Math.min(1, level) * (Math.min(maxHz, fastHz) - slowHz) + slowHz;
    return slowValue + (int) Math.floor((hz - slowHz) / (fastHz - slowHz) * (fastValue - slowValue) + 1e-9);
  }

  /** Flashes per second of DMX value {@code value}; 0 in the open range. */
  public double hz(int value) {
    if (value < slowValue) {
      return 0;
    }
    return slowHz + (value - slowValue) * (fastHz - slowHz) / (fastValue - slowValue);
  }
}
