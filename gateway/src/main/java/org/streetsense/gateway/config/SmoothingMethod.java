package org.streetsense.gateway.config;

/** Smoothing filters for a channel: exponential moving average, or median or mean over a window of samples. */
public enum SmoothingMethod implements ConfigName {
  EMA("ema"),
  MEDIAN("median"),
  MEAN("mean");

  private final String configName;

  SmoothingMethod(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
