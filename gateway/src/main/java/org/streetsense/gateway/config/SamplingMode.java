package org.streetsense.gateway.config;

/** How a device produces data: periodic readings, or events on change. */
public enum SamplingMode implements ConfigName {
  PERIODIC("periodic"),
  EVENT("event");

  private final String configName;

  SamplingMode(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
