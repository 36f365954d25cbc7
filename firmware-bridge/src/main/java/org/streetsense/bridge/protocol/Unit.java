package org.streetsense.bridge.protocol;

/** Unit codes carried in READING payloads. */
public enum Unit {
  NONE(0, ""),
  /** Digital level, 0 or 1. */
  LEVEL(1, ""),
  /** Raw ADC counts (0..1023 on an Uno). */
  COUNTS(2, "counts"),
  MILLIMETRE(3, "mm"),
  MILLIVOLT(4, "mV"),
  DEGREE_CELSIUS(5, "°C"),
  PERCENT(6, "%");

  private final int code;
  private final String symbol;

  Unit(int code, String symbol) {
    this.code = code;
    this.symbol = symbol;
  }

  public int code() {
    return code;
  }

  public String symbol() {
    return symbol;
  }

  /** The unit for a code; unknown codes map to {@link #NONE} so a reading is never lost. */
  public static Unit fromCode(int code) {
    for (Unit u : values()) {
      if (u.code == code) {
        return u;
      }
    }
    return NONE;
  }
}
