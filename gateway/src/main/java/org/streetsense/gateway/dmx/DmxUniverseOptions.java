package org.streetsense.gateway.dmx;

import java.time.Duration;
import java.util.Objects;

/**
 * How one DMX universe is sent (the installation file's {@code dmx.universes} entry).
 *
 * @param id the universe's name in the installation file
 * @param protocol Art-Net or sACN
 * @param destination unicast, broadcast (Art-Net only) or multicast (sACN only)
 * @param address the receiver's IPv4 address for unicast, the broadcast address for broadcast
 *     (e.g. {@code 2.255.255.255}); ignored for multicast, whose group follows from the universe
 * @param port UDP port; the protocol's own ({@link DmxProtocol#port()}) except in tests
 * @param universe Art-Net port address 0..32767, or sACN universe 1..63999
 * @param priority sACN priority 0..200 (receivers follow the highest source); ignored by Art-Net
 * @param fps frames per second while the frame changes, 1..44 (DMX-512's own maximum)
 * @param keepAlive when nothing changes, the frame is sent again this often (receivers treat a
 *     silent stream as lost: sACN after 2.5 s, many Art-Net nodes after a few seconds)
 * @param onStop what the last packets say when the gateway stops: hold the last (safe) frame, or
 *     a blackout; sACN also sends stream-terminated packets after it
 */
public record DmxUniverseOptions(String id, DmxProtocol protocol, Destination destination,
    String address, int port, int universe, int priority, int fps, Duration keepAlive,
    OnStop onStop) {

  /** DMX-512 allows at most 44 full frames per second. */
  public static final int MAX_FPS = 44;
  /** Default frame rate. */
  public static final int DEFAULT_FPS = 40;
  /** Default keep-alive: well inside sACN's 2.5 s loss timeout. */
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(1);

  /** Where packets go. */
  public enum Destination { UNICAST, BROADCAST, MULTICAST }

  /** What the last packets say. */
  public enum OnStop { HOLD, BLACKOUT }

  public DmxUniverseOptions {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(onStop, "onStop");
    if (protocol == DmxProtocol.ARTNET && destination == Destination.MULTICAST) {
      throw new IllegalArgumentException(id + ": Art-Net is sent unicast or broadcast, not multicast");
    }
    if (protocol == DmxProtocol.SACN && destination == Destination.BROADCAST) {
      throw new IllegalArgumentException(id + ": sACN is sent unicast or multicast, not broadcast");
    }
    int min = protocol == DmxProtocol.ARTNET ? 0 : 1;
    int max = protocol == DmxProtocol.ARTNET ? 32767 : 63999;
    if (universe < min || universe > max) {
      throw new IllegalArgumentException(id + ": " + protocol.configName() + " universe must be "
          + min + ".." + max + ", was " + universe);
    }
    if (priority < 0 || priority > 200) {
      throw new IllegalArgumentException(id + ": priority must be 0..200, was " + priority);
    }
    if (fps < 1 || fps > MAX_FPS) {
      throw new IllegalArgumentException(id + ": fps must be 1.." + MAX_FPS + ", was " + fps);
    }
    if (keepAlive.compareTo(Duration.ofMillis(100)) < 0 || keepAlive.compareTo(Duration.ofSeconds(2)) > 0) {
      throw new IllegalArgumentException(id + ": keepAlive must be 100ms..2s, was " + keepAlive);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(id + ": port must be 1..65535, was " + port);
    }
  }

  /** The IPv4 address packets are sent to. */
  public String targetAddress() {
    return destination == Destination.MULTICAST ? org.streetsense.gateway.dmx.impl.E131Packet.multicastGroup(universe)
        : address;
  }
}
