package org.streetsense.gateway.dmx.impl;

import java.nio.charset.StandardCharsets;

/**
 * Encodes ANSI E1.31-2018 (sACN) data packets with 512 slots and start code 0: root layer
 * (vector VECTOR_ROOT_E131_DATA), framing layer (VECTOR_E131_DATA_PACKET: source name, priority,
 * sequence, options, universe) and DMP layer (513 property values). 638 bytes, all fields
 * big-endian, lengths with the 0x7 flags nibble, offsets as in the standard's table 4-1.
 * Stateless; thread-safe.
 */
public final class E131Packet {

  /** A full packet with 512 slots. */
  public static final int SIZE = 638;
  /** Options bit: the source stops sending this universe (E1.31 6.2.6). */
  public static final int STREAM_TERMINATED = 0x40;
  private static final byte[] ACN_ID = {0x41, 0x53, 0x43, 0x2d, 0x45, 0x31, 0x2e, 0x31, 0x37, 0, 0, 0};

  private E131Packet() {}

  /**
   * Writes a packet into {@code out} (at least {@link #SIZE} bytes).
   *
   * @param cid the source's 16-byte component identifier, the same for its whole life
   * @param sourceName a name for people, at most 63 UTF-8 bytes are sent
   * @param priority 0..200 (100 is the default; a receiver follows the highest)
   * @param sequence 0..255, incremented per packet of this universe
   * @param options 0, or {@link #STREAM_TERMINATED}
   * @param universe 1..63999
   * @param slots 512 channel values
   */
  public static void encode(byte[] out, byte[] cid, String sourceName, int priority, int sequence,
      int options, int universe, byte[] slots) {
    if (cid.length != 16) {
      throw new IllegalArgumentException("a CID has 16 bytes, was " + cid.length);
    }
    if (priority < 0 || priority > 200) {
      throw new IllegalArgumentException("sACN priority must be 0..200, was " + priority);
    }
    if (universe < 1 || universe > 63999) {
      throw new IllegalArgumentException("sACN universe must be 1..63999, was " + universe);
    }
    if (slots.length != 512) {
      throw new IllegalArgumentException("a frame has 512 slots, was " + slots.length);
    }
    java.util.Arrays.fill(out, 0, SIZE, (byte) 0);
    // root layer
    out[1] = 0x10; // preamble size
    System.arraycopy(ACN_ID, 0, out, 4, 12);
    flagsAndLength(out, 16, SIZE - 16);
    out[21] = 0x04; // VECTOR_ROOT_E131_DATA
    System.arraycopy(cid, 0, out, 22, 16);
    // framing layer
    flagsAndLength(out, 38, SIZE - 38);
    out[43] = 0x02; // VECTOR_E131_DATA_PACKET
    byte[] name = sourceName.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(name, 0, out, 44, Math.min(63, name.length));
    out[108] = (byte) priority;
    // 109..110 synchronization address 0: not synchronised
    out[111] = (byte) sequence;
    out[112] = (byte) options;
    out[113] = (byte) (universe >> 8);
    out[114] = (byte) universe;
    // DMP layer
    flagsAndLength(out, 115, SIZE - 115);
    out[117] = 0x02; // VECTOR_DMP_SET_PROPERTY
    out[118] = (byte) 0xa1; // address type and data type
    // 119..120 first property address 0
    out[122] = 0x01; // address increment
    out[123] = 0x02; // property value count 513, big-endian
    out[124] = 0x01;
    // 125: DMX start code 0
    System.arraycopy(slots, 0, out, 126, 512);
  }

  /** The multicast group of {@code universe}: 239.255.(universe >> 8).(universe & 0xff). */
  public static String multicastGroup(int universe) {
    return "239.255." + (universe >> 8 & 0xff) + "." + (universe & 0xff);
  }

  private static void flagsAndLength(byte[] out, int at, int length) {
    out[at] = (byte) (0x70 | length >> 8 & 0x0f);
    out[at + 1] = (byte) length;
  }
}
