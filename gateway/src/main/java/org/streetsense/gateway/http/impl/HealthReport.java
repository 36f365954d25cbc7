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
 */
record HealthReport(boolean live, boolean ready, List<String> reasons) {

  HealthReport {
    reasons = List.copyOf(reasons);
  }

  JsonObject toJson() {
    return new JsonObject().put("live", live).put("ready", ready)
        .put("reasons", new JsonArray(reasons));
  }
}
