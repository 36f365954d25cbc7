package org.streetsense.gateway.config;

/** Functions computed over an aggregation window. */
public enum AggregateFunction implements ConfigName {
  MEAN("mean"),
  MIN("min"),
  MAX("max"),
  SUM("sum"),
  COUNT("count"),
  LAST("last");

  private final String configName;

  AggregateFunction(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
