package org.streetsense.gateway.config.impl;

import java.time.Duration;
import java.util.Optional;
import org.streetsense.gateway.config.OscListen;
import org.streetsense.gateway.config.OscSettings;

/** Reads {@code osc}: the address prefix, the snapshot period and the command input. */
final class OscReader {

  private static final String PREFIX = "(/[A-Za-z0-9_.-]+)+";

  private final Problems problems;

  /** Longest OSC address prefix, in characters. */
  static final int MAX_PREFIX_CHARS = 128;

  OscReader(Problems problems) {
    this.problems = problems;
  }

  /** The settings, {@link OscSettings#DEFAULT} when absent, or null when anything was reported. */
  OscSettings read(YamlNode node) {
    if (node == null) {
      return OscSettings.DEFAULT;
    }
    Fields f = Fields.of(node, problems, "the OSC settings", "prefix", "snapshotInterval",
        "listen");
    if (f == null) {
      return null;
    }
    int mark = problems.mark();
    String prefix = f.text("prefix", OscSettings.DEFAULT.prefix());
    if (prefix != null && prefix.length() > MAX_PREFIX_CHARS) {
      // checked first: the pattern's repeated group recurses once per level
      problems.at(f.node("prefix"), "an OSC address prefix of " + prefix.length()
          + " characters; at most " + MAX_PREFIX_CHARS + " are allowed, e.g. /streetsense");
    } else if (prefix != null && !prefix.matches(PREFIX)) {
      problems.at(f.node("prefix"), "'" + prefix + "' is not an OSC address prefix; use '/' and "
          + "words of letters, digits, '.', '_' or '-', not ending with '/', e.g. /streetsense");
    }
    Duration snapshot = f.duration("snapshotInterval", OscSettings.DEFAULT.snapshotInterval(),
        Duration.ofMillis(50), Duration.ofHours(1));
    Optional<OscListen> listen = f.has("listen") ? listen(f.node("listen")) : Optional.empty();
    return problems.since(mark) ? null : new OscSettings(prefix, snapshot, listen);
  }

  private Optional<OscListen> listen(YamlNode node) {
    Fields f = Fields.of(node, problems, "the OSC input", "enabled", "host", "port");
    if (f == null) {
      return Optional.empty();
    }
    Boolean enabled = f.bool("enabled", true);
    String host = f.text("host", "127.0.0.1");
    Long port = f.integer("port", 1, 65_535, "a UDP port", 9000L);
    if (enabled == null || host == null || port == null || !enabled) {
      return Optional.empty();
    }
    return Optional.of(new OscListen(host, port.intValue()));
  }
}
