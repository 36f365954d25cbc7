package org.streetsense.gateway.uplink;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS settings of the uplink, from PEM files. The broker's certificate is verified against
 * {@code caFile} only (not the JVM's default trust store) and its host name against the server
 * URI.
 *
 * @param caFile PEM file with the CA certificate(s) that signed the broker's certificate
 * @param clientCertFile PEM client certificate (chain) for mutual TLS, or null
 * @param clientKeyFile PEM private key of the client certificate, unencrypted PKCS#8
 *     ({@code BEGIN PRIVATE KEY}), RSA or EC; null when {@code clientCertFile} is null
 */
public record TlsOptions(Path caFile, Path clientCertFile, Path clientKeyFile) {

  public TlsOptions {
    Objects.requireNonNull(caFile, "tls.caFile");
    if ((clientCertFile == null) != (clientKeyFile == null)) {
      throw new IllegalArgumentException(
          "tls.clientCertFile and tls.clientKeyFile must be given together");
    }
  }

  /** Server authentication only. */
  public static TlsOptions trusting(Path caFile) {
    return new TlsOptions(caFile, null, null);
  }

  /** Server authentication plus a client certificate. */
  public static TlsOptions mutual(Path caFile, Path clientCertFile, Path clientKeyFile) {
    return new TlsOptions(caFile, Objects.requireNonNull(clientCertFile, "tls.clientCertFile"),
        Objects.requireNonNull(clientKeyFile, "tls.clientKeyFile"));
  }

  public Optional<Path> clientCert() {
    return Optional.ofNullable(clientCertFile);
  }

  public Optional<Path> clientKey() {
    return Optional.ofNullable(clientKeyFile);
  }
}
