package org.streetsense.gateway.driver.ads1115;

import java.util.Map;
import java.util.Objects;
import org.streetsense.gateway.driver.DeviceOptions;

/**
 * One ADS1115 channel: which input(s), gain and data rate.
 *
 * @param name channel name (for example {@code sound_envelope}, {@code knob}, {@code light})
 * @param mux MUX code 0..7 ({@code ain0-ain1}=0, {@code ain0-ain3}=1, {@code ain1-ain3}=2,
 *     {@code ain2-ain3}=3, {@code ain0}..{@code ain3} against GND = 4..7)
 * @param pga PGA code 0..5 (full scale 6.144, 4.096, 2.048, 1.024, 0.512, 0.256 V)
 * @param dataRate data rate code 0..7 (8, 16, 32, 64, 128, 250, 475, 860 SPS)
 */
public record Ads1115Input(String name, int mux, int pga, int dataRate) {

  static final String[] MUX_NAMES = {
    "ain0-ain1", "ain0-ain3", "ain1-ain3", "ain2-ain3", "ain0", "ain1", "ain2", "ain3"
  };
  static final double[] FULL_SCALE = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256};
  static final int[] RATES = {8, 16, 32, 64, 128, 250, 475, 860};

  public Ads1115Input {
    Objects.requireNonNull(name, "name");
    if (mux < 0 || mux > 7 || pga < 0 || pga > 5 || dataRate < 0 || dataRate > 7) {
      throw new IllegalArgumentException("ADS1115 input codes out of range");
    }
  }

  public double fullScaleVolts() {
    return FULL_SCALE[pga];
  }

  public int samplesPerSecond() {
    return RATES[dataRate];
  }

  /** Config word for a single-shot conversion with OS=1 and the comparator disabled. */
  public int configWord() {
    return 0x8000 | (mux << 12) | (pga << 9) | 0x0100 | (dataRate << 5) | 0x0003;
  }

  /**
   * Parses {@code {"name": "knob", "input": "ain0", "full_scale": 4.096, "data_rate": 128}}
   * (defaults: input ain0, full_scale 2.048, data_rate 128).
   */
  static Ads1115Input parse(DeviceOptions device, int index, Map<?, ?> m) {
    String where = "channels[" + index + "]";
    Object name = m.get("name");
    if (!(name instanceof String n) || n.isBlank()) {
      throw device.error(where, "needs a \"name\"");
    }
    String input = String.valueOf(m.containsKey("input") ? m.get("input") : "ain0");
    int mux = java.util.Arrays.asList(MUX_NAMES).indexOf(input);
    if (mux < 0) {
      throw device.error(where + ".input", "must be one of " + String.join(", ", MUX_NAMES)
          + ", was \"" + input + "\"");
    }
    double fs = m.get("full_scale") instanceof Number f ? f.doubleValue() : 2.048;
    int pga = -1;
    for (int i = 0; i < FULL_SCALE.length; i++) {
      if (Math.abs(FULL_SCALE[i] - fs) < 1e-9) {
        pga = i;
      }
    }
    if (pga < 0) {
      throw device.error(where + ".full_scale",
          "must be 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256, was " + m.get("full_scale"));
    }
    int sps = m.get("data_rate") instanceof Number r ? r.intValue() : 128;
    int dr = -1;
    for (int i = 0; i < RATES.length; i++) {
      if (RATES[i] == sps) {
        dr = i;
      }
    }
    if (dr < 0) {
      throw device.error(where + ".data_rate",
          "must be 8, 16, 32, 64, 128, 250, 475 or 860, was " + m.get("data_rate"));
    }
    return new Ads1115Input(n, mux, pga, dr);
  }
}
