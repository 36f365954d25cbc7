package org.streetsense.gateway.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code osc} section: the address prefix of both directions, the snapshot period for
 * bundle targets, and the optional command input. Targets stay in {@code sinks.osc}.
 *
 * @param prefix address prefix, starting with '/' and not ending with it (default
 *     {@code /streetsense})
 * @param snapshotInterval how often targets with {@code bundle: true} get a snapshot bundle
 *     (default 1s, 50ms..1h)
 * @param listen the OSC command input; empty when absent or {@code enabled: false}
 */
public record OscSettings(String prefix, Duration snapshotInterval, Optional<OscListen> listen) {

  public static final OscSettings DEFAULT =
      new OscSettings("/streetsense", Duration.ofSeconds(1), Optional.empty());

  public OscSettings {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(snapshotInterval, "snapshotInterval");
    Objects.requireNonNull(listen, "listen");
  }
}
