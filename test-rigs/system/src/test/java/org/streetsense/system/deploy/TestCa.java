package org.streetsense.system.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate authority and a server certificate for {@code localhost}, made with
 * the {@code openssl} command line, as a city IT team would make them.
 */
final class TestCa {

  private final Path dir;

  private TestCa(Path dir) {
    this.dir = dir;
  }

  /** Creates {@code ca.crt}, {@code server.crt} and {@code server.key} in {@code dir}. */
  static TestCa create(Path dir) {
    TestCa ca = new TestCa(dir);
    String ec = "ec:" + dir.resolve("ec.pem");
    ca.openssl("ecparam", "-name", "prime256v1", "-out", "ec.pem");
    ca.openssl("req", "-x509", "-newkey", ec, "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
        "-days", "2", "-subj", "/CN=streetsense test city CA");
    ca.openssl("req", "-newkey", ec, "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=localhost");
    try {
      Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ca.openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext");
    return ca;
  }

  Path caCert() {
    return dir.resolve("ca.crt");
  }

  Path serverCert() {
    return dir.resolve("server.crt");
  }

  Path serverKey() {
    return dir.resolve("server.key");
  }

  /** A socket factory that trusts only this CA, for Paho clients of the city broker. */
  SSLSocketFactory socketFactory() {
    try (InputStream in = Files.newInputStream(caCert())) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("city-ca",
          CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLSv1.2");
      context.init(null, tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust " + caCert(), e);
    }
  }

  private void openssl(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run openssl (Debian package 'openssl')", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
