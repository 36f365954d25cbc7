package org.streetsense.gateway.http.impl;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.LatestValue;

/**
 * The one place that decides what the public may see: only channels marked public in the
 * installation's channel list. Every public endpoint and the citizens' page read channels and
 * values through this view, never from {@link GatewayStatus} directly. Thread-safe; reads the
 * status afresh on each call.
 */
final class PublicView {

  private final GatewayStatus status;

  PublicView(GatewayStatus status) {
    this.status = status;
  }

  /** Public channels, in configuration order. */
  List<ChannelInfo> channels() {
    return status.channels().stream().filter(ChannelInfo::publicChannel).toList();
  }

  /** The public channel named {@code device/channel}, or empty if unknown or private. */
  Optional<ChannelInfo> channel(String key) {
    return channels().stream().filter(c -> c.key().equals(key)).findFirst();
  }

  /** Latest values of public channels only. */
  List<LatestValue> latestValues() {
    Set<String> visible = publicKeys();
    return status.latestValues().stream().filter(v -> visible.contains(v.key())).toList();
  }

  /** Whether an event-bus observation message belongs to a public channel. */
  boolean allows(JsonObject observation) {
    return publicKeys().contains(
        observation.getString("device") + "/" + observation.getString("channel"));
  }

  private Set<String> publicKeys() {
    return channels().stream().map(ChannelInfo::key).collect(Collectors.toSet());
  }
}
