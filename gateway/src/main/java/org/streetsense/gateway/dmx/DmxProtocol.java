package org.streetsense.gateway.dmx;

import java.util.Locale;
import java.util.Optional;

/** How a universe's DMX-512 frames travel over Ethernet. Wire (file) names are lower case. */
public enum DmxProtocol {
  /** Art-Net 4 ArtDmx (Artistic Licence), UDP port 6454; unicast or broadcast. */
  ARTNET(6454),
  /** ANSI E1.31 streaming ACN (sACN), UDP port 5568; unicast or multicast 239.255.x.y. */
  SACN(5568);

  private final int port;

  DmxProtocol(int port) {
    this.port = port;
  }

  /** The protocol's fixed UDP port. */
  public int port() {
    return port;
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a file name; empty when unknown. */
  public static Optional<DmxProtocol> fromConfig(String name) {
    for (DmxProtocol p : values()) {
      if (p.configName().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
