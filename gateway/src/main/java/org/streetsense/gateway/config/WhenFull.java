package org.streetsense.gateway.config;

/** What the spool does when {@code maxBytes} is reached: drop the oldest records (and report the gap) or reject new ones. */
public enum WhenFull implements ConfigName {
  DROP_OLDEST("drop-oldest"),
  REJECT_NEW("reject-new");

  private final String configName;

  WhenFull(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
