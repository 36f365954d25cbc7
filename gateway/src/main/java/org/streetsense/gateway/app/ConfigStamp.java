package org.streetsense.gateway.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which installation file a gateway runs: the version it was delivered with (0 for a file that
 * was never delivered over {@code config/set}) and {@code sha256:<hex>} of its bytes. Published
 * in the birth/state message ({@code config_version}, {@code config_digest}) and on /health.
 *
 * @param version delivery version, 0 or more
 * @param digest {@code sha256:} and 64 lower-case hex digits
 */
public record ConfigStamp(long version, String digest) {

  public ConfigStamp {
    Objects.requireNonNull(digest, "digest");
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0, was " + version);
    }
  }

  /** The stamp of {@code bytes} delivered as {@code version}. */
  public static ConfigStamp of(long version, byte[] bytes) {
    return new ConfigStamp(version, digest(bytes));
  }

  /** The stamp of a file read from disk (version 0 unless the config store says otherwise). */
  public static ConfigStamp ofFile(Path file) throws IOException {
    return of(0, Files.readAllBytes(file));
  }

  /** {@code sha256:<hex>} of {@code bytes}. */
  public static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
