package org.streetsense.bridge.protocol;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One packet before COBS framing. Wire layout (all multi-byte integers little-endian):
 *
 * <pre>
 * version(1) | type(1) | seq(2, LE) | length(1) | payload(length) | crc16(2, LE)
 * </pre>
 *
 * The CRC-16/CCITT-FALSE covers version through payload.
 *
 * @param version protocol version, {@link #PROTOCOL_VERSION} for this implementation
 * @param type raw type code (0..255); may be unknown to this implementation
 * @param seq sender's sequence number, 0..65535, wrapping
 * @param payload 0..{@link #MAX_PAYLOAD} bytes
 */
public record Packet(int version, int type, int seq, byte[] payload) {

  public static final int PROTOCOL_VERSION = 1;
  public static final int HEADER_SIZE = 5;
  public static final int CRC_SIZE = 2;
  /** Largest payload; keeps a framed packet (COBS + delimiter) within {@link #MAX_FRAME}. */
  public static final int MAX_PAYLOAD = 240;
  /** Largest COBS-encoded frame, without its 0x00 delimiter. Longer frames are dropped. */
  public static final int MAX_FRAME = 256;

  public Packet {
    Objects.requireNonNull(payload, "payload");
    if (version < 0 || version > 255) {
      throw new IllegalArgumentException("version must be 0..255, was " + version);
    }
    if (type < 0 || type > 255) {
      throw new IllegalArgumentException("type must be 0..255, was " + type);
    }
    if (seq < 0 || seq > 0xFFFF) {
      throw new IllegalArgumentException("seq must be 0..65535, was " + seq);
    }
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload must be at most " + MAX_PAYLOAD + " bytes, was " + payload.length);
    }
    payload = payload.clone();
  }

  public static Packet of(MessageType type, int seq, byte[] payload) {
    return new Packet(PROTOCOL_VERSION, type.code(), seq, payload);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The raw packet bytes (header, payload, CRC), before COBS. */
  public byte[] toBytes() {
    byte[] out = new byte[HEADER_SIZE + payload.length + CRC_SIZE];
    out[0] = (byte) version;
    out[1] = (byte) type;
    out[2] = (byte) seq;
    out[3] = (byte) (seq >>> 8);
    out[4] = (byte) payload.length;
    System.arraycopy(payload, 0, out, HEADER_SIZE, payload.length);
    int crc = Crc16.ccittFalse(out, 0, HEADER_SIZE + payload.length);
    out[out.length - 2] = (byte) crc;
    out[out.length - 1] = (byte) (crc >>> 8);
    return out;
  }

  /** The bytes to put on the wire: COBS-encoded packet followed by the 0x00 delimiter. */
  public byte[] toFrame() {
    byte[] cobs = Cobs.encode(toBytes());
    return Arrays.copyOf(cobs, cobs.length + 1);
  }

  /** Why a decoded frame was refused. */
  public enum ParseError {
    TOO_SHORT,
    LENGTH_MISMATCH,
    BAD_CRC
  }

  /** Result of {@link #parse}: exactly one of packet or error is present. */
  public record ParseResult(Optional<Packet> packet, Optional<ParseError> error) {}

  /** Parses raw packet bytes (after COBS decoding). Never throws on bad input. */
  public static ParseResult parse(byte[] raw) {
    if (raw.length < HEADER_SIZE + CRC_SIZE) {
      return failure(ParseError.TOO_SHORT);
    }
    int length = raw[4] & 0xFF;
    if (length > MAX_PAYLOAD || raw.length != HEADER_SIZE + length + CRC_SIZE) {
      return failure(ParseError.LENGTH_MISMATCH);
    }
    int expected = (raw[raw.length - 2] & 0xFF) | (raw[raw.length - 1] & 0xFF) << 8;
    if (Crc16.ccittFalse(raw, 0, raw.length - CRC_SIZE) != expected) {
      return failure(ParseError.BAD_CRC);
    }
    int seq = (raw[2] & 0xFF) | (raw[3] & 0xFF) << 8;
    byte[] payload = Arrays.copyOfRange(raw, HEADER_SIZE, HEADER_SIZE + length);
    return new ParseResult(
        Optional.of(new Packet(raw[0] & 0xFF, raw[1] & 0xFF, seq, payload)), Optional.empty());
  }

  private static ParseResult failure(ParseError error) {
    return new ParseResult(Optional.empty(), Optional.of(error));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Packet p && p.version == version && p.type == type && p.seq == seq
        && Arrays.equals(p.payload, payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, type, seq, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "Packet[version=" + version + ", type=0x" + Integer.toHexString(type) + ", seq=" + seq
        + ", payload=" + Hex.format(payload) + "]";
  }
}
