package org.streetsense.gateway.dmx;

import java.io.IOException;
import org.streetsense.gateway.dmx.impl.UdpDmxUniverse;

/**
 * One DMX-512 universe sent over Ethernet: 512 channel values, sent at the universe's frame rate
 * while they change and every keep-alive interval while they do not, each packet with the next
 * sequence number.
 *
 * <p>{@link #write} may be called from any thread and never blocks on the network: the values
 * go into the frame that the universe's own sender thread ({@code streetsense-dmx-<id>}) sends
 * next. Several fixtures share a universe; each writes its own channels.
 */
public interface DmxUniverse extends AutoCloseable {

  /** Opens the socket and starts sending the frame (all zeros until written). */
  static DmxUniverse open(DmxUniverseOptions options) throws IOException {
    return new UdpDmxUniverse(options);
  }

  DmxUniverseOptions options();

  /**
   * Sets channels {@code address .. address + values.length - 1} (DMX addresses 1..512) to
   * {@code values} (each 0..255).
   */
  void write(int address, int[] values);

  /**
   * What a blackout stop ({@link DmxUniverseOptions.OnStop#BLACKOUT}) sends on channels
   * {@code address ..}: by default every channel is 0 in a blackout; a fixture declares here the
   * channels that keep a value (pan and tilt at home, raw channels), so a blackout darkens the
   * light without moving a head or changing a fixture's mode. Any thread.
   */
  void keepInBlackout(int address, int[] values);

  /** Channel {@code address} (1..512) as it will be sent next. */
  int value(int address);

  /** Packets sent so far (data packets, keep-alives and stop packets). */
  long packetsSent();

  /**
   * Sends the current frame at once and waits until it left: for a safe state that must be on
   * the wire before anything else happens (start-up, {@code safe-outputs}).
   */
  void flush();

  /**
   * Stops sending: the current frame once more (or a blackout, per
   * {@link DmxUniverseOptions#onStop}), then for sACN three stream-terminated packets. Never
   * throws.
   */
  @Override
  void close();
}
