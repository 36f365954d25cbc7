package org.streetsense.gateway.probe;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of probing the I2C buses against an installation file, ordered by bus and address.
 */
public record ProbeReport(List<ProbeEntry> entries) {

  public ProbeReport {
    entries = List.copyOf(entries);
  }

  /** True when every declared device was found and identified (unexpected extras are allowed). */
  public boolean ok() {
    return entries.stream()
        .noneMatch(e -> e.status() == ProbeEntry.Status.MISSING
            || e.status() == ProbeEntry.Status.MISMATCH);
  }

  public List<ProbeEntry> withStatus(ProbeEntry.Status status) {
    return entries.stream().filter(e -> e.status() == status).toList();
  }

  /** One line per entry, for the console: {@code FOUND      bus 1 0x76  bme280 'env' ...}. */
  public String format() {
    return entries.stream()
        .map(e -> String.format("%-10s bus %d 0x%02X  %s", e.status(), e.bus(), e.address(),
            e.message()))
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
