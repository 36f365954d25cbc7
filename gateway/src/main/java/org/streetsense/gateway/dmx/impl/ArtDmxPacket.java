package org.streetsense.gateway.dmx.impl;

/**
 * Encodes Art-Net 4 ArtDmx packets (OpCode 0x5000, protocol version 14): an 18-byte header and
 * the 512 DMX slots. Field order and byte order follow the Art-Net 4 specification (rev. DK):
 * OpCode little-endian, length big-endian, the 15-bit port address as SubUni (low byte) and Net
 * (high 7 bits). Stateless; thread-safe.
 */
public final class ArtDmxPacket {

  /** Header bytes before the slots. */
  public static final int HEADER = 18;
  /** A full packet: the header and 512 slots. */
  public static final int SIZE = HEADER + 512;
  private static final byte[] ID = {'A', 'r', 't', '-', 'N', 'e', 't', 0};

  private ArtDmxPacket() {}

  /**
   * Writes a packet into {@code out} (at least {@link #SIZE} bytes).
   *
   * @param sequence 1..255, or 0 to tell receivers not to reorder
   * @param portAddress the Art-Net port address 0..32767 (net, sub-net, universe)
   * @param slots 512 channel values
   */
  public static void encode(byte[] out, int sequence, int portAddress, byte[] slots) {
    if (portAddress < 0 || portAddress > 32767) {
      throw new IllegalArgumentException("Art-Net port address must be 0..32767, was " + portAddress);
    }
    if (slots.length != 512) {
      throw new IllegalArgumentException("a frame has 512 slots, was " + slots.length);
    }
    System.arraycopy(ID, 0, out, 0, 8);
    out[8] = 0x00; // OpCode 0x5000, little-endian
    out[9] = 0x50;
    out[10] = 0; // protocol version 14, big-endian
    out[11] = 14;
    out[12] = (byte) sequence;
    out[13] = 0; // physical input port: informational
    out[14] = (byte) (portAddress & 0xff);
    out[15] = (byte) (portAddress >> 8 & 0x7f);
    out[16] = 0x02; // length 512, big-endian
    out[17] = 0x00;
    System.arraycopy(slots, 0, out, HEADER, 512);
  }

  /** The next sequence number after {@code s}: 1..255, skipping 0 (which disables reordering). */
  public static int next(int s) {
    return s >= 255 ? 1 : s + 1;
  }
}
