package org.streetsense.gateway.board;

/** How a microcontroller board talks over serial: the Streetsense firmware protocol or StandardFirmata. */
public enum BoardProtocol {
  STREETSENSE("streetsense"),
  FIRMATA("firmata");

  private final String configName;

  BoardProtocol(String configName) {
    this.configName = configName;
  }

  /** The spelling in the installation file. */
  public String configName() {
    return configName;
  }
}
