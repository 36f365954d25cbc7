package org.streetsense.gateway.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Identity of an installation, as its installation file states it.
 *
 * @param id installation id, for example {@code kosice-fountain-01}
 * @param site site name, for example {@code Hlavná fountain}
 * @param description what the installation is, per language tag
 * @param operator who runs it (organisation and contact)
 * @param languages language tags of the citizens' page, first is the default; not empty
 * @param license license of the open data, as an SPDX id, for example {@code CC-BY-4.0}
 * @param attribution attribution text required by the license; empty when none is asked for
 * @param retention how long readings are kept on the gateway and upstream
 * @param location where it stands
 */
public record InstallationInfo(
    String id,
    String site,
    Map<String, String> description,
    String operator,
    List<String> languages,
    String license,
    String attribution,
    Duration retention,
    Location location) {

  public InstallationInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(site, "site");
    description = Map.copyOf(Objects.requireNonNull(description, "description"));
    Objects.requireNonNull(operator, "operator");
    languages = List.copyOf(Objects.requireNonNull(languages, "languages"));
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("languages must not be empty");
    }
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(attribution, "attribution");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(location, "location");
  }
}
