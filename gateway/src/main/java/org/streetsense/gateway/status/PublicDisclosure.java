package org.streetsense.gateway.status;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the citizens' page must tell about where data goes and what the piece does back, derived
 * from the installation file so the page cannot contradict it. Immutable.
 *
 * @param contact the operator's e-mail address or URL, if given
 * @param zone the installation's time zone; times on public pages are shown in it
 * @param backendHost host of the operator's MQTT broker, which receives every reading (private
 *     ones included), interaction events and actuator states; for the record, not shown publicly
 * @param backendEncrypted whether that connection is encrypted (TLS)
 * @param databaseHost host of the operator's InfluxDB, if one is configured (not shown publicly)
 * @param oscHosts hosts on the installation's network that receive readings over OSC (not shown
 *     publicly: addresses of the local network stay off the public page)
 * @param spoolMaxAge how long unsent data waits on the device before it is deleted
 * @param effects what the piece does back to people, one entry per allowed actuator
 * @param pageTexts the page's texts for languages without built-in texts, by language and key,
 *     as the installation file gives them
 */
public record PublicDisclosure(
    Optional<String> contact,
    ZoneId zone,
    String backendHost,
    boolean backendEncrypted,
    Optional<String> databaseHost,
    List<String> oscHosts,
    Duration spoolMaxAge,
    List<Effect> effects,
    Map<String, Map<String, String>> pageTexts) {

  /** Nothing but a zone: an installation that sends nowhere and does nothing back. */
  public static PublicDisclosure minimal(ZoneId zone) {
    return new PublicDisclosure(Optional.empty(), zone, "", false, Optional.empty(), List.of(),
        Duration.ZERO, List.of(), Map.of());
  }

  public PublicDisclosure {
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(backendHost, "backendHost");
    Objects.requireNonNull(databaseHost, "databaseHost");
    oscHosts = List.copyOf(oscHosts);
    Objects.requireNonNull(spoolMaxAge, "spoolMaxAge");
    effects = List.copyOf(effects);
    pageTexts = Map.copyOf(pageTexts);
  }

  /**
   * An actuator and what sets it off.
   *
   * @param actuator actuator id, e.g. {@code sculpture-lights/ring}
   * @param kind light, sound, motion or switch
   * @param triggers the reflexes that drive it; empty when only the operator drives it
   */
  public record Effect(String actuator, String kind, List<Trigger> triggers) {
    public Effect {
      Objects.requireNonNull(actuator, "actuator");
      Objects.requireNonNull(kind, "kind");
      triggers = List.copyOf(triggers);
    }
  }

  /**
   * What sets a reflex off.
   *
   * @param device the input device
   * @param channel the channel ({@code device/channel} key), empty for any of the device's
   * @param event the event type ({@code touch_start}, {@code presence_enter}...), empty for a
   *     threshold
   * @param above threshold the value must rise above, if any
   * @param below threshold the value must fall below, if any
   * @param every only every n-th occurrence, >= 1
   */
  public record Trigger(String device, String channel, String event, OptionalDouble above,
      OptionalDouble below, int every) {
    public Trigger {
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(above, "above");
      Objects.requireNonNull(below, "below");
    }
  }
}
