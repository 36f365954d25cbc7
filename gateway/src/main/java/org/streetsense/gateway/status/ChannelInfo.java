package org.streetsense.gateway.status;

import java.util.Map;
import java.util.Objects;

/**
 * A configured channel and how it may be shown.
 *
 * @param device device id
 * @param channel channel name, unique within the device
 * @param unit unit symbol, for example {@code degC}; empty for unitless channels
 * @param kind what kind of thing it senses
 * @param publicChannel whether it may appear in public endpoints and on the citizens' page;
 *     private channels never do
 * @param what what the channel measures, per language tag ({@code sk}, {@code en})
 * @param why why the installation measures it, per language tag
 */
public record ChannelInfo(
    String device,
    String channel,
    String unit,
    SensingKind kind,
    boolean publicChannel,
    Map<String, String> what,
    Map<String, String> why) {

  public ChannelInfo {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(kind, "kind");
    what = Map.copyOf(Objects.requireNonNull(what, "what"));
    why = Map.copyOf(Objects.requireNonNull(why, "why"));
  }

  /** The stream key {@code device/channel} used in URLs and JSON. */
  public String key() {
    return device + "/" + channel;
  }
}
