package org.streetsense.gateway.config;

/** The level an output falls back to on shutdown or when control is lost. */
public enum SafeState implements ConfigName {
  ON("on"),
  OFF("off");

  private final String configName;

  SafeState(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
