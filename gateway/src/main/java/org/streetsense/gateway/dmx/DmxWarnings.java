package org.streetsense.gateway.dmx;

import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.dmx.DmxUniverseOptions.Destination;

/**
 * Which universe entries reach the same receiver, and the warnings for an Art-Net and an sACN
 * entry that may drive one receiver universe: logged at start and printed by {@code validate}.
 * Two entries of one protocol and universe number on one receiver are refused by
 * {@code validate}; across the protocols it is a warning, because which sACN universe a node
 * patches to which Art-Net port address is the node's own setting (OLA and most nodes merge what
 * they patch together, the highest value winning, and the fixtures then show a mix of both).
 */
public final class DmxWarnings {

  private DmxWarnings() {}

  /**
   * Whether frames of {@code a} and {@code b} can reach the same receiver: the same unicast
   * address, or either one broadcast or multicast (every node listening to that universe hears
   * it, whatever address the other one names).
   */
  public static boolean sameReceiver(DmxUniverseOptions a, DmxUniverseOptions b) {
    return a.destination() != Destination.UNICAST || b.destination() != Destination.UNICAST
        || a.address().equals(b.address());
  }

  /** Where a universe is sent, for messages: "to 10.0.0.5", "broadcast to ...", "multicast to ...". */
  public static String to(DmxUniverseOptions u) {
    return switch (u.destination()) {
      case UNICAST -> "to " + u.address();
      case BROADCAST -> "broadcast to " + u.address();
      case MULTICAST -> "multicast to " + u.targetAddress();
    };
  }

  /**
   * One line per Art-Net and sACN pair that may drive the same receiver universe: they reach the
   * same receiver ({@link #sameReceiver}) and the sACN universe number is the Art-Net port
   * address or one above it (the two mappings nodes commonly use). In file order; empty when none.
   */
  public static List<String> of(List<DmxUniverseOptions> universes) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < universes.size(); i++) {
      for (int j = i + 1; j < universes.size(); j++) {
        DmxUniverseOptions a = universes.get(i);
        DmxUniverseOptions b = universes.get(j);
        if (a.protocol() == b.protocol() || !sameReceiver(a, b)) {
          continue;
        }
        DmxUniverseOptions art = a.protocol() == DmxProtocol.ARTNET ? a : b;
        DmxUniverseOptions sacn = art == a ? b : a;
        int d = sacn.universe() - art.universe();
        if (d == 0 || d == 1) {
          out.add("universes '" + a.id() + "' (" + a.protocol().configName() + " " + a.universe()
              + " " + to(a) + ") and '" + b.id() + "' (" + b.protocol().configName() + " "
              + b.universe() + " " + to(b) + ") may drive the same receiver universe: a node "
              + "that takes both protocols (OLA, most nodes) merges them, and the fixtures of "
              + "both show a mix; check the node's patch, or send the two on universe numbers "
              + "that no node maps to one another");
        }
      }
    }
    return out;
  }
}
