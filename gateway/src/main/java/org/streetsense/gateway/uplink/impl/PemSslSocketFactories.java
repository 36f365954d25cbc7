package org.streetsense.gateway.uplink.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.streetsense.gateway.uplink.TlsOptions;

/**
 * Builds an {@link SSLSocketFactory} from PEM files: a CA bundle to trust and optionally a client
 * certificate with its unencrypted PKCS#8 key (RSA or EC). Errors name the file and say what was
 * expected.
 */
public final class PemSslSocketFactories {

  private static final Pattern PKCS8 = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final char[] NO_PASSWORD = new char[0];

  private PemSslSocketFactories() {}

  /** Creates a TLS 1.2/1.3 socket factory; fails with {@link IllegalArgumentException}. */
  public static SSLSocketFactory create(TlsOptions tls) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      List<Certificate> cas = readCertificates(tls.caFile(), "tls.caFile");
      for (int i = 0; i < cas.size(); i++) {
        trust.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);

      KeyManagerFactory kmf = null;
      if (tls.clientCertFile() != null) {
        List<Certificate> chain = readCertificates(tls.clientCertFile(), "tls.clientCertFile");
        PrivateKey key = readPrivateKey(tls.clientKeyFile());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, NO_PASSWORD);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot set up TLS from " + tls + ": " + e.getMessage(),
          e);
    }
  }

  private static List<Certificate> readCertificates(Path file, String option) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(option + " " + file
            + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
      }
      return new ArrayList<>(certs);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(option + " " + file
          + " is not a PEM X.509 certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey readPrivateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("tls.clientKeyFile " + file + " cannot be read: " + e,
          e);
    }
    Matcher m = PKCS8.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException("tls.clientKeyFile " + file
          + " must hold an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert with "
          + "'openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key'");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm; PKCS#8 names it inside, but KeyFactory needs it up front
      }
    }
    throw new IllegalArgumentException("tls.clientKeyFile " + file
        + " holds a PKCS#8 key that is neither RSA, EC nor Ed25519");
  }
}
