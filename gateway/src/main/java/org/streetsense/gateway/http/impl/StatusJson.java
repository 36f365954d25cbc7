package org.streetsense.gateway.http.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.streetsense.gateway.status.ActuatorState;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.ConfigSummary;
import org.streetsense.gateway.status.DeviceStatus;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.LatestValue;
import org.streetsense.gateway.status.RecentEvent;
import org.streetsense.gateway.status.UplinkStatus;

/** JSON of the read model for the dashboard API. Technicians see every channel. */
final class StatusJson {

  private StatusJson() {}

  /** The parts that change: devices, uplink, events, actuators, health. */
  static JsonObject live(GatewayStatus status, HealthReport health) {
    JsonArray devices = new JsonArray();
    status.devices().forEach(d -> devices.add(device(d)));
    JsonArray events = new JsonArray();
    status.recentEvents().forEach(e -> events.add(event(e)));
    JsonArray actuators = new JsonArray();
    status.actuators().forEach(a -> actuators.add(actuator(a)));
    return new JsonObject()
        .put("devices", devices)
        .put("uplink", uplink(status.uplink()))
        .put("events", events)
        .put("actuators", actuators)
        .put("health", health.toJson());
  }

  /** Everything, for the dashboard's first paint. */
  static JsonObject snapshot(GatewayStatus status, HealthReport health) {
    JsonArray channels = new JsonArray();
    status.channels().forEach(c -> channels.add(channel(c)));
    JsonArray latest = new JsonArray();
    status.latestValues().forEach(v -> latest.add(latest(v)));
    return live(status, health)
        .put("installation", new JsonObject()
            .put("id", status.installation().id())
            .put("site", status.installation().site()))
        .put("channels", channels)
        .put("latest", latest)
        .put("config", config(status.config()));
  }

  static JsonObject device(DeviceStatus d) {
    return new JsonObject().put("id", d.id()).put("driver", d.driver())
        .put("state", d.state().wireName()).put("lastError", d.lastError())
        .put("lastErrorAt", iso(d.lastErrorAt())).put("errorCount", d.errorCount());
  }

  static JsonObject channel(ChannelInfo c) {
    return new JsonObject().put("key", c.key()).put("device", c.device())
        .put("channel", c.channel()).put("unit", c.unit()).put("kind", c.kind().wireName())
        .put("public", c.publicChannel());
  }

  static JsonObject latest(LatestValue v) {
    return new JsonObject().put("device", v.device()).put("channel", v.channel())
        .put("value", Double.isNaN(v.value()) ? null : v.value()).put("unit", v.unit())
        .put("quality", v.quality().wireName()).put("ts", v.time().toEpochMilli())
        .put("seq", v.seq());
  }

  static JsonObject uplink(UplinkStatus u) {
    JsonObject drops = new JsonObject();
    u.dropsByReason().forEach(drops::put);
    return new JsonObject().put("connected", u.connected()).put("broker", u.brokerUrl())
        .put("backlog", u.backlogDepth()).put("spoolFill", u.spoolFill())
        .put("oldestUnsentSeconds", u.oldestUnsentAge().toMillis() / 1000.0)
        .put("drops", drops).put("totalDrops", u.totalDrops())
        .put("reconnects", u.reconnects()).put("takeover", u.takeover())
        .put("replay", new JsonObject().put("inProgress", u.replayInProgress())
            .put("progress", u.replayProgress()));
  }

  static JsonObject event(RecentEvent e) {
    return new JsonObject().put("device", e.device()).put("channel", e.channel())
        .put("type", e.type()).put("value", e.value()).put("ts", e.time().toEpochMilli());
  }

  static JsonObject actuator(ActuatorState a) {
    return new JsonObject().put("id", a.id()).put("state", a.state())
        .put("safe", a.inSafeState()).put("since", iso(a.since()))
        .put("level", Double.isNaN(a.level()) ? null : a.level());
  }

  static JsonObject config(ConfigSummary c) {
    JsonObject details = new JsonObject();
    c.details().forEach(details::put);
    return new JsonObject().put("source", c.source()).put("digest", c.digest())
        .put("loadedAt", iso(c.loadedAt())).put("sinks", new JsonArray(c.sinks()))
        .put("details", details);
  }

  static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
