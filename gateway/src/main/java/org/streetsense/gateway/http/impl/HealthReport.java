package org.streetsense.gateway.http.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Liveness and readiness, with the reasons for not being ready.
 *
 * @param live always true while the process answers
 * @param ready whether every readiness condition holds
 * @param reasons human-readable reasons for not being ready; empty when ready
 * @param configVersion delivery version of the installation file in use, -1 when unknown
 * @param configDigest digest of the installation file in use
 * @param configNotice a notice about the file in use (the local file is invalid and the last
 *     known good one runs), or null
 */
record HealthReport(boolean live, boolean ready, List<String> reasons, long configVersion,
    String configDigest, String configNotice) {

  HealthReport {
    reasons = List.copyOf(reasons);
  }

  JsonObject toJson() {
    JsonObject config = new JsonObject();
    if (configVersion >= 0) {
      config.put("version", configVersion);
    }
    if (configNotice != null) {
      config.put("notice", configNotice);
    }
    return new JsonObject().put("live", live).put("ready", ready)
        .put("reasons", new JsonArray(reasons)).put("config", config.put("digest", configDigest));
  }
}
