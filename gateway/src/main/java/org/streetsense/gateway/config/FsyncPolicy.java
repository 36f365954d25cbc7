package org.streetsense.gateway.config;

/** When the spool forces appended records to disk: after every append, in groups every {@code groupCommitInterval}, or when the OS decides. */
public enum FsyncPolicy implements ConfigName {
  ALWAYS("always"),
  GROUP("group"),
  OS("os");

  private final String configName;

  FsyncPolicy(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
