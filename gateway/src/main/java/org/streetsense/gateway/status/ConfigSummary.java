package org.streetsense.gateway.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What configuration the gateway runs, for the technician.
 *
 * @param source where it was loaded from, for example a file path
 * @param digest short content digest, so two technicians can tell whether configs match
 * @param loadedAt when it was loaded
 * @param sinks enabled sinks, for example {@code mqtt}, {@code influxdb}
 * @param details further key facts in display order (no secrets)
 */
public record ConfigSummary(
    String source, String digest, Instant loadedAt, List<String> sinks, Map<String, String> details) {

  public ConfigSummary {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(loadedAt, "loadedAt");
    sinks = List.copyOf(Objects.requireNonNull(sinks, "sinks"));
    details = java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(Objects.requireNonNull(details, "details")));
  }
}
