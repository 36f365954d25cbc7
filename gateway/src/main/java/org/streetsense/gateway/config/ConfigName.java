package org.streetsense.gateway.config;

/** An enum constant as it is spelled in installation files (for example {@code drop-oldest}). */
public interface ConfigName {

  /** The spelling used in the YAML file. */
  String configName();
}
