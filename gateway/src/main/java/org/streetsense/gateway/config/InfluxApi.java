package org.streetsense.gateway.config;

/** InfluxDB write API: {@code v1} ({@code /write?db=}) or {@code v2} ({@code /api/v2/write}). */
public enum InfluxApi implements ConfigName {
  V1("v1"),
  V2("v2");

  private final String configName;

  InfluxApi(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
