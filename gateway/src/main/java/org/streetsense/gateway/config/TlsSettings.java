package org.streetsense.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for a connection. All files are PEM.
 *
 * @param caFile CA certificates to trust; the JVM's trust store when empty
 * @param certFile client certificate for mutual TLS (given together with {@code keyFile})
 * @param keyFile client private key (PKCS#8) for mutual TLS
 * @param insecureSkipVerify skip server certificate and host name checks (default false; only for
 *     bench tests, never in the street)
 */
public record TlsSettings(
    Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile,
    boolean insecureSkipVerify) {

  public static final TlsSettings DEFAULT =
      new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(), false);

  public TlsSettings {
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException("certFile and keyFile go together");
    }
  }
}
