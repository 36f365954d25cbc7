package org.streetsense.gateway.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ({@code Implementation-Version}), or "development". */
public final class VersionProvider implements IVersionProvider {

  /** The gateway version, for the birth message and {@code --version}. */
  public static String version() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"streetsense " + version(), "Java " + Runtime.version()};
  }
}
