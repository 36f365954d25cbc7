package org.streetsense.gateway.http.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.HistoryPoint;
import org.streetsense.gateway.status.HistorySource;

/** Builds the dashboard's JSON: the full snapshot (with sparkline seeds) and live status. */
final class DashboardApi {

  /** Sparkline seed: readings of the last {@value #SEED_MINUTES} minutes, at most 60. */
  static final int SEED_MINUTES = 60;
  static final int SEED_POINTS = 60;

  private final Vertx vertx;
  private final GatewayStatus status;
  private final HistorySource history;
  private final HealthCheck health;
  private final Supplier<Instant> now;

  DashboardApi(Vertx vertx, GatewayStatus status, HistorySource history, HealthCheck health,
      Supplier<Instant> now) {
    this.vertx = vertx;
    this.status = status;
    this.history = history;
    this.health = health;
    this.now = now;
  }

  /** Devices, uplink, events, actuators and health; cheap, safe on the event loop. */
  JsonObject live() {
    return StatusJson.live(status, health.evaluate());
  }

  /** Everything, with the recent readings of each channel; history is read on a worker. */
  Future<JsonObject> snapshot() {
    JsonObject snapshot = StatusJson.snapshot(status, health.evaluate());
    List<ChannelInfo> channels = status.channels();
    Instant to = now.get().plusMillis(1);
    Instant from = to.minus(Duration.ofMinutes(SEED_MINUTES));
    return vertx.executeBlocking(() -> {
      JsonObject seeds = new JsonObject();
      for (ChannelInfo c : channels) {
        List<HistoryPoint> points = history.query(c.device(), c.channel(), from, to, 10_000);
        List<HistoryPoint> tail = points.subList(Math.max(0, points.size() - SEED_POINTS),
            points.size());
        JsonArray array = new JsonArray();
        tail.forEach(p -> array.add(new JsonArray().add(p.time().toEpochMilli())
            .add(Double.isNaN(p.value()) ? null : p.value())));
        seeds.put(c.key(), array);
      }
      return snapshot.put("history", seeds);
    }, false);
  }
}
