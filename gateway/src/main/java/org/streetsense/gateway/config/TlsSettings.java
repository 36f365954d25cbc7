package org.streetsense.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for a connection. All files are PEM.
 *
 * @param caFile CA certificates to trust; the JVM's trust store when empty
 * @param certFile client certificate for mutual TLS (given together with {@code keyFile}, and
 *     only with {@code caFile})
 * @param keyFile client private key (PKCS#8) for mutual TLS
 * @param insecureSkipVerify always false from an installation file: the loader refuses
 *     {@code true}, the broker's certificate is always verified (decision 0266)
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
