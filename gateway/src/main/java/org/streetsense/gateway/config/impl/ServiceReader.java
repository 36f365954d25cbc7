package org.streetsense.gateway.config.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.streetsense.gateway.config.ClockSettings;
import org.streetsense.gateway.config.HttpSettings;
import org.streetsense.gateway.config.RateLimit;
import org.streetsense.gateway.config.SecretRef;
import org.streetsense.gateway.config.SpoolSettings;
import org.streetsense.gateway.config.WhenFull;
import org.streetsense.gateway.spool.FsyncPolicy;

/** Reads {@code spool}, {@code http} and {@code clock}. */
final class ServiceReader {

  private final Problems problems;

  ServiceReader(Problems problems) {
    this.problems = problems;
  }

  SpoolSettings spool(YamlNode node) {
    if (node == null) {
      return SpoolSettings.DEFAULT;
    }
    int mark = problems.mark();
    Fields f = Fields.of(node, problems, "the spool", "dir", "maxBytes", "maxAge", "fsync",
        "groupCommitInterval", "whenFull", "replayRate");
    if (f == null) {
      return null;
    }
    String dir = f.text("dir", SpoolSettings.DEFAULT_DIR.toString());
    Long maxBytes = f.size("maxBytes", SpoolSettings.DEFAULT_MAX_BYTES);
    if (maxBytes != null && maxBytes < (1L << 20)) {
      problems.at(f.node("maxBytes"), "'" + ((YamlScalar) f.node("maxBytes")).text()
          + "' is too small; allowed at least 1MB");
    }
    Duration maxAge = f.duration("maxAge", SpoolSettings.DEFAULT_MAX_AGE, Duration.ofMinutes(1),
        Duration.ofDays(3650));
    FsyncPolicy fsync = f.choice("fsync", FsyncPolicy.class, FsyncPolicy::configName, "fsync policy",
        FsyncPolicy.GROUP);
    Duration group = f.duration("groupCommitInterval", SpoolSettings.DEFAULT_GROUP_COMMIT,
        Duration.ofMillis(1), Duration.ofSeconds(10));
    if (fsync != null && fsync != FsyncPolicy.GROUP) {
      Checks.forbid(f, "groupCommitInterval", "with fsync: " + fsync.configName()
          + " (only with fsync: group)");
    }
    WhenFull whenFull = f.choice("whenFull", WhenFull.class, "full-spool policy",
        WhenFull.DROP_OLDEST);
    RateLimit replayRate = rate(f, "replayRate", SpoolSettings.DEFAULT_REPLAY_RATE);
    if (problems.since(mark)) {
      return null;
    }
    return new SpoolSettings(Path.of(dir), maxBytes, maxAge, fsync, group, whenFull, replayRate);
  }

  /** A {@code N/s}-style field, or {@code fallback} when absent; problems name the field. */
  private RateLimit rate(Fields f, String key, RateLimit fallback) {
    String text = f.text(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      return RateLimit.parse(text);
    } catch (IllegalArgumentException e) {
      problems.at(f.node(key), e.getMessage());
      return fallback;
    }
  }

  HttpSettings http(YamlNode node) {
    if (node == null) {
      return HttpSettings.DEFAULT;
    }
    int mark = problems.mark();
    Fields f = Fields.of(node, problems, "the HTTP server", "host", "port", "token",
        "publicRateLimit", "maxConnections");
    if (f == null) {
      return null;
    }
    String host = f.text("host", HttpSettings.DEFAULT.host());
    Long port = f.integer("port", 1, 65_535, "a TCP port", (long) HttpSettings.DEFAULT.port());
    Optional<SecretRef> token = f.secret("token");
    RateLimit limit = rate(f, "publicRateLimit", HttpSettings.DEFAULT.publicRateLimit());
    Long maxConnections = f.integer("maxConnections", 1, 10_000, "a number of connections",
        (long) HttpSettings.DEFAULT_MAX_CONNECTIONS);
    if (problems.since(mark)) {
      return null;
    }
    return new HttpSettings(host, port.intValue(), token, limit, maxConnections.intValue());
  }

  ClockSettings clock(YamlNode node) {
    if (node == null) {
      return ClockSettings.DEFAULT;
    }
    Fields f = Fields.of(node, problems, "the clock settings", "sanityFloor");
    if (f == null) {
      return null;
    }
    String text = f.text("sanityFloor", null);
    if (text == null) {
      return ClockSettings.DEFAULT;
    }
    try {
      return new ClockSettings(Optional.of(LocalDate.parse(text)));
    } catch (DateTimeParseException e) {
      problems.at(f.node("sanityFloor"), "'" + text + "' is not a date; use YYYY-MM-DD, e.g. "
          + "2026-01-01");
      return null;
    }
  }
}
