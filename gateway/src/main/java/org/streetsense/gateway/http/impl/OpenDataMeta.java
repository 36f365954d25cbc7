package org.streetsense.gateway.http.impl;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.streetsense.gateway.status.InstallationInfo;

/** License and attribution metadata carried by every open-data response. */
final class OpenDataMeta {

  private OpenDataMeta() {}

  /** The license's page: SPDX's license list, which covers every SPDX id. */
  static String licenseUrl(String spdxId) {
    return "https://spdx.org/licenses/" + spdxId + ".html";
  }

  /** The {@code meta} object; without {@code attribution} when the licence asks for no credit. */
  static JsonObject json(InstallationInfo info, Instant generated) {
    JsonObject meta = new JsonObject()
        .put("installation", info.id())
        .put("site", info.site())
        .put("operator", info.operator())
        .put("license", info.license())
        .put("licenseUrl", licenseUrl(info.license()));
    if (!info.attribution().isEmpty()) {
      meta.put("attribution", info.attribution());
    }
    return meta.put("generated", generated.toString());
  }

  /** {@code Link} header value pointing at the license. */
  static String linkHeader(InstallationInfo info) {
    return "<" + licenseUrl(info.license()) + ">; rel=\"license\"";
  }
}
