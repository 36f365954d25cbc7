package org.streetsense.gateway.config;

/** How a microcontroller board talks over serial: the Streetsense firmware protocol or StandardFirmata. */
public enum BoardProtocol implements ConfigName {
  STREETSENSE("streetsense"),
  FIRMATA("firmata");

  private final String configName;

  BoardProtocol(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
