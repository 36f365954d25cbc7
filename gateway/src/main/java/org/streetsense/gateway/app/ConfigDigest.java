package org.streetsense.gateway.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.sink.Sink;

/**
 * The configuration summary shown to technicians: where it came from, a short digest so two
 * people can tell whether their files match, and key facts. Never a secret.
 */
final class ConfigDigest {

  /** Detail keys of the delivery version and full digest (shown on the dashboard, read by /health). */
  static final String VERSION = "config version";
  static final String FULL_DIGEST = "config digest";
  /** Detail key of a notice about the file in use (read by /health as {@code config.notice}). */
  static final String NOTICE = "config notice";

  private ConfigDigest() {}

  static org.streetsense.gateway.status.ConfigSummary summary(Installation inst, List<Sink> sinks,
      ConfigStamp stamp, String notice) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put(VERSION, Long.toString(stamp.version()));
    details.put(FULL_DIGEST, stamp.digest());
    if (notice != null) {
      details.put(NOTICE, notice);
    }
    details.put("installation", inst.id());
    details.put("backend", inst.hardware().backend().configName());
    details.put("devices", Integer.toString(inst.devices().size()));
    details.put("broker", inst.uplink().mqtt().pahoUrl());
    details.put("spool", inst.spool().dir() + " (" + (inst.spool().maxBytes() >> 20) + " MB, "
        + inst.spool().fsync().configName() + ")");
    return new org.streetsense.gateway.status.ConfigSummary(inst.source(), digest(inst.source()),
        Instant.now(), sinks.stream().map(Sink::name).toList(), details);
  }

  private static String digest(String source) {
    byte[] content;
    try {
      Path p = Path.of(source);
      content = Files.isRegularFile(p) ? Files.readAllBytes(p) : source.getBytes(StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      content = source.getBytes(StandardCharsets.UTF_8);
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
