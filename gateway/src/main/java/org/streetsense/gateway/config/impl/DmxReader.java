package org.streetsense.gateway.config.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.streetsense.gateway.config.DmxSettings;
import org.streetsense.gateway.dmx.ChannelRole;
import org.streetsense.gateway.dmx.DmxProtocol;
import org.streetsense.gateway.dmx.DmxUniverseOptions;
import org.streetsense.gateway.dmx.DmxUniverseOptions.Destination;
import org.streetsense.gateway.dmx.DmxUniverseOptions.OnStop;
import org.streetsense.gateway.dmx.FixtureOptions;
import org.streetsense.gateway.dmx.FixtureProfile;
import org.streetsense.gateway.dmx.FixtureProfiles;
import org.streetsense.gateway.dmx.StrobeRange;

/**
 * Reads {@code dmx}: {@code universes} (how frames go out) and {@code fixtures} (what is patched
 * where). Checks across entries: unique ids (also against device ids), a fixture's universe
 * exists, fixtures of one universe share no channel, a strobe limit above the default is written
 * out explicitly (it is: {@code maxStrobeHz} is the only way to raise it).
 */
final class DmxReader {

  /** At most this many universes and fixtures: a Pi sends a few universes, not a stadium. */
  static final int MAX_UNIVERSES = 16;
  static final int MAX_FIXTURES = 512;

  private final Problems problems;
  private final Set<String> deviceIds;

  DmxReader(Problems problems, Set<String> deviceIds) {
    this.problems = problems;
    this.deviceIds = Set.copyOf(deviceIds);
  }

  /** The settings, {@link DmxSettings#NONE} when absent, or null when anything was reported. */
  DmxSettings read(YamlNode node) {
    if (node == null) {
      return DmxSettings.NONE;
    }
    Fields f = Fields.of(node, problems, "the DMX settings", "universes", "fixtures");
    if (f == null) {
      return null;
    }
    int mark = problems.mark();
    List<DmxUniverseOptions> universes = new ArrayList<>();
    YamlNode un = f.required("universes", "a list of universes, e.g. - {id: street, protocol: "
        + "artnet, address: 2.0.0.10, universe: 0}");
    YamlList ul = un == null ? null : Values.list(un, problems, "each universe is an item starting with '- '");
    Set<String> universeIds = new HashSet<>();
    if (ul != null) {
      if (ul.items().size() > MAX_UNIVERSES) {
        problems.at(un, ul.items().size() + " universes; at most " + MAX_UNIVERSES + " are allowed");
      }
      for (YamlNode item : ul.items()) {
        // a universe with errors of its own is still declared: its fixtures are not reported again
        if (item instanceof YamlMap m && m.get("id") instanceof YamlScalar id && !id.isNull()
            && !universeIds.add(id.text())) {
          problems.at(item, "duplicate universe id '" + id.text() + "'");
        }
        DmxUniverseOptions u = universe(item);
        if (u != null) {
          sameReceiverUniverse(item, u, universes);
          universes.add(u);
        }
      }
    }
    List<FixtureOptions> fixtures = new ArrayList<>();
    YamlNode fn = f.node("fixtures");
    YamlList fl = fn == null ? null : Values.list(fn, problems, "each fixture is an item starting with '- '");
    if (fl != null) {
      if (fl.items().size() > MAX_FIXTURES) {
        problems.at(fn, fl.items().size() + " fixtures; at most " + MAX_FIXTURES + " are allowed");
      }
      Set<String> ids = new HashSet<>();
      Map<String, Map<Integer, String>> patched = new HashMap<>();
      for (YamlNode item : fl.items()) {
        FixtureOptions fx = fixture(item, universeIds);
        if (fx == null) {
          continue;
        }
        if (!ids.add(fx.id()) || deviceIds.contains(fx.id())) {
          problems.at(item, "duplicate id '" + fx.id() + "'; fixture ids share one space with "
              + "device ids (both name actuators)");
          continue;
        }
        Map<Integer, String> channels = patched.computeIfAbsent(fx.universe(), k -> new HashMap<>());
        int size = fx.profile().channels().size();
        for (int a = fx.address(); a < fx.address() + size; a++) {
          String other = channels.putIfAbsent(a, fx.id());
          if (other != null) {
            problems.at(((YamlMap) item).get("address"), "channel " + a + " of universe '"
                + fx.universe() + "' is already used by fixture '" + other + "'; '" + fx.id()
                + "' uses " + fx.address() + ".." + (fx.address() + size - 1));
            break;
          }
        }
        fixtures.add(fx);
      }
    }
    return problems.since(mark) ? null : new DmxSettings(universes, fixtures);
  }

  /**
   * Refuses {@code u} when an earlier entry sends the same protocol and universe number to a
   * receiver {@code u} reaches too: the same unicast address, or either one broadcast (Art-Net)
   * or multicast (sACN), which every node of that universe hears. Two senders on one receiver
   * universe alternate their frames (a moving head jitters, dimmers flash), so it is an error,
   * not a merge the file could want. Art-Net and sACN to one node are not compared here: which
   * sACN universe a node patches to which Art-Net port address is the node's own setting
   * ({@link org.streetsense.gateway.dmx.DmxWarnings} warns of the likely cases).
   */
  private void sameReceiverUniverse(YamlNode node, DmxUniverseOptions u,
      List<DmxUniverseOptions> earlier) {
    for (DmxUniverseOptions o : earlier) {
      if (o.protocol() == u.protocol() && o.universe() == u.universe()
          && org.streetsense.gateway.dmx.DmxWarnings.sameReceiver(o, u)) {
        // the ids stand together: a long run of text between two quotes would be cut as a value
        problems.at(node, "universes '" + o.id() + "' and '" + u.id() + "' both send "
            + u.protocol().configName() + " universe " + u.universe() + " to one receiver ("
            + org.streetsense.gateway.dmx.DmxWarnings.to(o) + "; "
            + org.streetsense.gateway.dmx.DmxWarnings.to(u) + "): two senders on one receiver "
            + "universe alternate their frames (fixtures of both jump between their looks); put "
            + "the fixtures of both under one universe entry, or give one a universe number of "
            + "its own");
        return;
      }
    }
  }

  private DmxUniverseOptions universe(YamlNode node) {
    Fields f = Fields.of(node, problems, "a DMX universe", "id", "protocol", "destination",
        "address", "universe", "priority", "fps", "keepAlive", "onStop");
    if (f == null) {
      return null;
    }
    int mark = problems.mark();
    String id = f.requiredText("id", "a name for the universe, e.g. id: street");
    slug(f, id);
    DmxProtocol protocol = enumOf(f, "protocol", "artnet or sacn", DmxProtocol.values(), null,
        p -> p.configName());
    if (f.node("protocol") == null) {
      f.required("protocol", "artnet or sacn");
    }
    Destination destination = enumOf(f, "destination", "unicast, broadcast (artnet) or multicast (sacn)",
        Destination.values(), Destination.UNICAST, d -> d.name().toLowerCase(java.util.Locale.ROOT));
    String address = f.text("address", destination == Destination.BROADCAST ? "255.255.255.255" : null);
    if (address == null && destination == Destination.UNICAST) {
      f.required("address", "the receiver's IPv4 address for unicast, e.g. address: 2.0.0.10");
    } else if (address != null && destination != Destination.MULTICAST
        && !address.matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})")) {
      problems.at(f.node("address"), "'" + address + "' is not an IPv4 address, e.g. 2.0.0.10");
    }
    Long universe = f.integer("universe", 0, 63_999, "a universe number (artnet 0..32767, sacn 1..63999)",
        null);
    if (universe == null && f.node("universe") == null) {
      f.required("universe", "artnet 0..32767, sacn 1..63999");
    }
    Long priority = f.integer("priority", 0, 200, "an sACN priority 0..200", 100L);
    Long fps = f.integer("fps", 1, DmxUniverseOptions.MAX_FPS, "a frame rate (DMX-512 sends at "
        + "most 44 frames per second)", (long) DmxUniverseOptions.DEFAULT_FPS);
    Duration keepAlive = f.duration("keepAlive", DmxUniverseOptions.DEFAULT_KEEP_ALIVE,
        Duration.ofMillis(100), Duration.ofSeconds(2));
    OnStop onStop = enumOf(f, "onStop", "hold or blackout", OnStop.values(), OnStop.HOLD,
        o -> o.name().toLowerCase(java.util.Locale.ROOT));
    if (problems.since(mark) || id == null || protocol == null || universe == null
        || priority == null || fps == null || keepAlive == null) {
      return null;
    }
    try {
      return new DmxUniverseOptions(id, protocol, destination, address == null ? "" : address,
          protocol.port(), universe.intValue(), priority.intValue(), fps.intValue(), keepAlive, onStop);
    } catch (IllegalArgumentException e) {
      problems.at(node, e.getMessage());
      return null;
    }
  }

  private FixtureOptions fixture(YamlNode node, Set<String> universeIds) {
    Fields f = Fields.of(node, problems, "a DMX fixture", "id", "universe", "address", "profile",
        "channels", "color", "safeLevel", "safeColor", "maxStrobeHz", "safePan", "safeTilt");
    if (f == null) {
      return null;
    }
    int mark = problems.mark();
    String id = f.requiredText("id", "the fixture's actuator id, e.g. id: wash");
    slug(f, id);
    String universe = f.requiredText("universe", "the id of one of dmx.universes");
    if (universe != null && !universeIds.contains(universe)) {
      problems.at(f.node("universe"), "no universe '" + universe + "' in dmx.universes; "
          + Suggestions.didYouMean(universe, List.copyOf(universeIds)) + "known: "
          + String.join(", ", universeIds.stream().sorted().toList()));
    }
    Long address = f.integer("address", 1, 512, "a DMX start address 1..512", null);
    if (address == null && f.node("address") == null) {
      f.required("address", "the fixture's DMX start address 1..512");
    }
    FixtureProfile profile = profile(f, id);
    int colours = profile == null ? 0 : profile.colours().size();
    int[] colour = colour(f, "color", colours, null);
    Double safeLevel = f.number("safeLevel", 0.0);
    if (safeLevel != null && !(safeLevel >= 0 && safeLevel <= 1)) {
      problems.at(f.node("safeLevel"), "safeLevel must be 0..1 (0: blackout), was " + safeLevel);
    }
    int[] safeColour = colour(f, "safeColor", colours, colour);
    Double maxHz = f.number("maxStrobeHz", FixtureOptions.DEFAULT_MAX_STROBE_HZ);
    if (maxHz != null && !(maxHz >= 0 && maxHz <= 25)) {
      problems.at(f.node("maxStrobeHz"), "maxStrobeHz must be 0..25 flashes per second, was " + maxHz);
    }
    if (f.has("maxStrobeHz") && profile != null && profile.strobe().isEmpty()) {
      problems.at(f.node("maxStrobeHz"), "'" + id + "' has no strobe channel; remove maxStrobeHz");
    }
    Double safePan = home(f, "safePan", ChannelRole.PAN, profile, id);
    Double safeTilt = home(f, "safeTilt", ChannelRole.TILT, profile, id);
    if (problems.since(mark) || id == null || universe == null || address == null
        || profile == null || colour == null || safeColour == null || safeLevel == null || maxHz == null
        || safePan == null || safeTilt == null) {
      return null;
    }
    try {
      return new FixtureOptions(id, universe, address.intValue(), profile, colour, safeLevel,
          safeColour, maxHz, safePan, safeTilt);
    } catch (IllegalArgumentException e) {
      problems.at(f.node("address"), e.getMessage());
      return null;
    }
  }

  /** A home position 0..1 ({@code safePan}, {@code safeTilt}), only on a fixture with that channel. */
  private Double home(Fields f, String key, ChannelRole role, FixtureProfile profile, String id) {
    Double v = f.number(key, FixtureOptions.DEFAULT_HOME);
    if (v != null && !(v >= 0 && v <= 1)) {
      problems.at(f.node(key), key + " must be 0..1 (a position over the channel's range; 0.5 is "
          + "the centre), was " + v);
      return null;
    }
    if (f.has(key) && profile != null && !profile.has(role)) {
      problems.at(f.node(key), "'" + id + "' has no " + role.configName() + " channel; remove " + key);
      return null;
    }
    return v;
  }

  private FixtureProfile profile(Fields f, String id) {
    if (f.has("profile") == f.has("channels")) {
      problems.at(f.map(), "give either profile (one of " + String.join(", ",
          FixtureProfiles.ALL.stream().map(FixtureProfile::name).toList())
          + ") or channels (a list of " + CHANNEL_NAMES + ")");
      return null;
    }
    if (f.has("profile")) {
      String name = f.text("profile", null);
      Optional<FixtureProfile> p = name == null ? Optional.empty() : FixtureProfiles.named(name);
      if (name != null && p.isEmpty()) {
        List<String> names = FixtureProfiles.ALL.stream().map(FixtureProfile::name).toList();
        problems.at(f.node("profile"), "no fixture profile '" + name + "'; "
            + Suggestions.didYouMean(name, names) + "known: " + String.join(", ", names));
      }
      return p.orElse(null);
    }
    YamlList list = Values.list(f.node("channels"), problems, "e.g. channels: [dimmer, red, green, blue]");
    if (list == null) {
      return null;
    }
    if (list.items().size() > 512) {
      problems.at(list, list.items().size() + " channels; a fixture has at most 512 (one universe)");
      return null;
    }
    List<ChannelRole> roles = new ArrayList<>();
    Map<Integer, Integer> raw = new HashMap<>();
    for (YamlNode item : list.items()) {
      if (item instanceof YamlMap m) {
        // {raw: <value>}: a channel held at a constant value
        Long v = m.entries().size() == 1 && m.has("raw") ? rawValue(m.get("raw")) : null;
        if (!(m.entries().size() == 1 && m.has("raw"))) {
          problems.at(item, "a channel is a name or {raw: <value 0..255>}, found a map with "
              + String.join(", ", m.entries().keySet()) + "; allowed: " + CHANNEL_NAMES);
        } else if (v != null) {
          raw.put(roles.size(), v.intValue());
          roles.add(ChannelRole.RAW);
        }
        continue;
      }
      String text = Values.text(item, problems);
      Optional<ChannelRole> role = text == null ? Optional.empty() : ChannelRole.fromConfig(text);
      if (text != null && role.isEmpty()) {
        problems.at(item, "'" + text + "' is not a channel; allowed: " + CHANNEL_NAMES);
      } else if (role.isPresent() && role.get() == ChannelRole.RAW) {
        problems.at(item, "a raw channel needs the value it holds: write {raw: 0} (0..255)");
      } else if (role.isPresent() && roles.contains(role.get())) {
        problems.at(item, "channel " + text + " is listed twice");
      } else {
        role.ifPresent(roles::add);
      }
    }
    if (roles.isEmpty() || roles.size() != list.items().size()) {
      if (roles.isEmpty() && list.items().isEmpty()) {
        problems.at(list, "a fixture needs at least one channel");
      }
      return null;
    }
    for (ChannelRole fine : List.of(ChannelRole.PAN_FINE, ChannelRole.TILT_FINE)) {
      if (roles.contains(fine) && !roles.contains(fine.coarse())) {
        problems.at(list.items().get(roles.indexOf(fine)), fine.configName() + " is the low byte of "
            + fine.coarse().configName() + "; add a " + fine.coarse().configName() + " channel");
        return null;
      }
    }
    return new FixtureProfile(id == null ? "custom" : id, "declared in the file", roles,
        roles.contains(ChannelRole.STROBE) ? Optional.of(StrobeRange.COMMON) : Optional.empty(), raw);
  }

  /** The channel names a {@code channels} list takes, for messages. */
  private static final String CHANNEL_NAMES = String.join(", ", Arrays.stream(ChannelRole.values())
      .filter(r -> r != ChannelRole.RAW).map(ChannelRole::configName).toList()) + ", {raw: <value>}";

  private Long rawValue(YamlNode node) {
    if (node instanceof YamlScalar sc && (sc.isNull() || sc.text().isBlank())) {
      problems.at(node, "a raw channel needs the value it holds, 0..255, e.g. {raw: 0}");
      return null;
    }
    return Values.integer(node, problems, 0, 255, "a raw channel's DMX value");
  }

  /** A colour: one 0..255 value per colour channel; {@code fallback} (or full white) when absent. */
  private int[] colour(Fields f, String key, int size, int[] fallback) {
    YamlNode node = f.node(key);
    if (node == null) {
      if (fallback != null) {
        return fallback;
      }
      int[] white = new int[size];
      Arrays.fill(white, 255);
      return white;
    }
    YamlList list = Values.list(node, problems, "one value 0..255 per colour channel, e.g. "
        + key + ": [255, 120, 0]");
    if (list == null) {
      return null;
    }
    if (list.items().size() != size) {
      problems.at(node, key + " has " + list.items().size() + " values; the fixture has " + size
          + " colour channels");
      return null;
    }
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      Long v = Values.integer(list.items().get(i), problems, 0, 255, "a DMX value 0..255");
      if (v == null) {
        return null;
      }
      out[i] = v.intValue();
    }
    return out;
  }

  private void slug(Fields f, String id) {
    if (id != null && !id.matches("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")) {
      problems.at(f.node("id"), "'" + id + "' is not an id; use 1..64 of a-z 0-9 and '-', "
          + "starting and ending with a letter or digit");
    }
  }

  private <E> E enumOf(Fields f, String key, String what, E[] values, E fallback,
      java.util.function.Function<E, String> name) {
    YamlNode node = f.node(key);
    if (node == null) {
      return fallback;
    }
    String text = Values.text(node, problems);
    if (text == null) {
      return null;
    }
    for (E v : values) {
      if (name.apply(v).equals(text)) {
        return v;
      }
    }
    problems.at(node, "'" + text + "' is not allowed for " + key + "; allowed: " + what);
    return null;
  }
}
