package org.streetsense.gateway.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.streetsense.gateway.config.ActuatorSpec;
import org.streetsense.gateway.config.Operator;
import org.streetsense.gateway.config.OscTarget;
import org.streetsense.gateway.config.ReflexEvent;
import org.streetsense.gateway.config.ReflexSpec;
import org.streetsense.gateway.config.ReflexWhen;
import org.streetsense.gateway.config.SafetySettings;
import org.streetsense.gateway.status.PublicDisclosure;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.config.Identity;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.InstallationInfo;
import org.streetsense.gateway.status.Location;
import org.streetsense.gateway.status.SensingKind;

/**
 * Turns the installation file into what the HTTP surfaces show: identity for the citizens' page
 * and the channel list with the file's labels (the page generates the others from the kind, in
 * its own texts). An attribution defaults to the site, except for a licence that asks for no
 * credit ({@link #NO_CREDIT}), where it stays empty.
 */
final class StatusMapping {

  private static final Duration DEFAULT_RETENTION = Duration.ofDays(365);

  /** SPDX ids of public-domain dedications and licences that ask for no credit. */
  static final java.util.Set<String> NO_CREDIT = java.util.Set.of("CC0-1.0", "PDDL-1.0",
      "Unlicense", "0BSD");

  private StatusMapping() {}

  static InstallationInfo installation(Installation inst) {
    Identity id = inst.identity();
    Map<String, String> description = id.description();
    Location location = id.location()
        .map(l -> new Location(l.lat(), l.lon(), id.site()))
        .orElse(new Location(0, 0, id.site()));
    return new InstallationInfo(id.installation(), id.site(), description,
        id.operator().map(StatusMapping::operator).orElse(id.site()), id.languages(),
        id.license().orElse("CC-BY-4.0"), id.attribution().orElse(
            NO_CREDIT.contains(id.license().orElse("CC-BY-4.0")) ? "" : id.site()),
        id.retention().orElse(DEFAULT_RETENTION), location);
  }

  /** The operator as named publicly; the contact is shown beside it as a link (PublicDisclosure). */
  static String operator(org.streetsense.gateway.config.Operator o) {
    return o.name();
  }

  static List<ChannelInfo> channels(Installation inst) {
    List<ChannelInfo> out = new ArrayList<>();
    for (DeviceSpec d : inst.devices()) {
      for (ChannelSpec c : d.channels()) {
        SensingKind kind = kind(d.driver(), c);
        out.add(new ChannelInfo(d.id(), c.name(), c.unit(), kind, c.isPublic(),
            label(c, inst.identity().languages().get(0)).orElse(Map.of()), Map.of()));
      }
    }
    return out;
  }

  /** Where data goes and what the piece does back, from the installation file. */
  static PublicDisclosure disclosure(Installation inst) {
    SafetySettings safety = inst.interaction().safety();
    List<PublicDisclosure.Effect> effects = new ArrayList<>();
    for (ActuatorSpec a : safety.actuators()) {
      List<PublicDisclosure.Trigger> triggers = new ArrayList<>();
      for (ReflexSpec r : inst.interaction().reflexes()) {
        if (r.actions().stream().anyMatch(s -> s.actuator().equals(a.id()))) {
          ReflexWhen w = r.when();
          triggers.add(new PublicDisclosure.Trigger(w.device(),
              w.channel().map(c -> w.device() + "/" + c).orElse(""),
              w.event().map(ReflexEvent::configName).orElse(""), w.above(), w.below(),
              r.every()));
        }
      }
      effects.add(new PublicDisclosure.Effect(a.id(), a.kind().configName(), triggers));
    }
    return new PublicDisclosure(inst.identity().operator().flatMap(Operator::contact),
        safety.timezone(), inst.uplink().mqtt().url().getHost(), inst.uplink().mqtt().secure(),
        inst.sinks().influxdb().map(i -> i.url().getHost()),
        inst.sinks().osc().stream().map(OscTarget::host).distinct().toList(),
        inst.spool().maxAge(), effects, inst.identity().pageTexts());
  }

  /** What the channel senses: its driver's kind, or by unit for general-purpose inputs (ADCs). */
  static SensingKind kind(DriverDescriptor driver, ChannelSpec c) {
    return driver.sensing().orElseGet(() -> byUnit(c.unit()));
  }

  private static SensingKind byUnit(String unit) {
    return switch (unit) {
      case "dB", "dBA", "dB(A)" -> SensingKind.SOUND_LEVEL;
      case "lx" -> SensingKind.LIGHT;
      case "cm", "mm", "m" -> SensingKind.DISTANCE;
      default -> SensingKind.OTHER;
    };
  }

  /** The file's label by language, a label without language under {@code first}. */
  private static java.util.Optional<Map<String, String>> label(ChannelSpec c, String first) {
    if (c.label().isEmpty()) {
      return java.util.Optional.empty();
    }
    Map<String, String> byLang = new LinkedHashMap<>();
    c.label().forEach((lang, text) -> byLang.put(lang.isEmpty() ? first : lang, text));
    return java.util.Optional.of(byLang);
  }
}
