package org.streetsense.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority with a server certificate for {@code 127.0.0.1} and
 * {@code localhost} and a client certificate, generated with the {@code openssl} command line
 * into a directory. Keys are EC P-256 in unencrypted PKCS#8 PEM; certificates are PEM and valid
 * for two days.
 *
 * @param caCert CA certificate (PEM)
 * @param serverCert server certificate signed by the CA (PEM)
 * @param serverKey server private key (PKCS#8 PEM)
 * @param clientCert client certificate signed by the CA, common name {@code streetsense-client}
 * @param clientKey client private key (PKCS#8 PEM)
 */
public record TestCertificates(
    Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

  /** Generates a fresh CA, server and client certificate in {@code dir} (created if absent). */
  public static TestCertificates generate(Path dir) {
    try {
      Files.createDirectories(dir);
      Path caKey = dir.resolve("ca.key");
      Path ca = dir.resolve("ca.crt");
      openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
          "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "2",
          "-subj", "/CN=Streetsense Test CA");
      Path ext = dir.resolve("server.ext");
      Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
          + "extendedKeyUsage=serverAuth\n");
      Path clientExt = dir.resolve("client.ext");
      Files.writeString(clientExt, "extendedKeyUsage=clientAuth\n");
      Path serverCrt = signed(dir, "server", "localhost", ext, ca, caKey);
      Path clientCrt = signed(dir, "client", "streetsense-client", clientExt, ca, caKey);
      return new TestCertificates(ca, serverCrt, dir.resolve("server.key"), clientCrt,
          dir.resolve("client.key"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write certificates to " + dir, e);
    }
  }

  private static Path signed(Path dir, String name, String commonName, Path ext, Path ca,
      Path caKey) {
    Path key = dir.resolve(name + ".key");
    Path csr = dir.resolve(name + ".csr");
    Path crt = dir.resolve(name + ".crt");
    openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + commonName);
    openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey",
        caKey.toString(), "-CAcreateserial", "-out", crt.toString(), "-days", "2",
        "-extfile", ext.toString());
    return crt;
  }

  private static void openssl(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ServerProcess.executable("openssl", "/usr/bin/openssl"));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("openssl timed out: " + cmd);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("openssl failed (exit " + p.exitValue() + "): " + cmd
            + "\n" + Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run openssl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl", e);
    }
  }
}
