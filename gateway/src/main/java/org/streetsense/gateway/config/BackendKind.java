package org.streetsense.gateway.config;

/** Which hardware backend opens pins and buses: a Raspberry Pi through Pi4J, or the simulated rig. */
public enum BackendKind implements ConfigName {
  PI4J("pi4j"),
  SIMULATED("simulated");

  private final String configName;

  BackendKind(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
