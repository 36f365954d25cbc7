package org.streetsense.gateway.spool.impl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/**
 * Compact binary encoding of the payloads of segment frames. Strings (installation, device,
 * channel, unit, event type) are interned in a per-segment dictionary: the first use writes a
 * {@link #DICT} frame, later uses cost one varint. A typical reading is about 40 bytes with its
 * frame.
 *
 * <pre>
 * HEADER  : 0x00 | varlong base offset | varlong created millis | string boot id
 * DICT    : 0x01 | varint id | string
 * READING : 0x02 | ids installation, device, channel, unit | byte quality&lt;&lt;1|trusted
 *           | double value | varlong seq | varlong epoch ms | varlong monotonic ns (zigzag)
 * EVENT   : 0x03 | ids installation, device, channel, type | byte trusted
 *           | double value | varlong seq | varlong epoch ms | varlong monotonic ns (zigzag)
 * </pre>
 */
final class RecordCodec {

  static final byte HEADER = 0;
  static final byte DICT = 1;
  static final byte READING = 2;
  static final byte EVENT = 3;

  /** Upper bound of an observation payload: type, 4 ids, flags, double, 3 varlongs. */
  static final int MAX_OBSERVATION = 1 + 4 * 5 + 1 + 8 + 3 * 10;

  private static final Quality[] QUALITIES = Quality.values();

  private RecordCodec() {}

  static ByteBuffer header(long baseOffset, long createdMillis, String bootId) {
    ByteBuffer b = ByteBuffer.allocate(64 + bootId.length() * 3);
    b.put(HEADER);
    putVarLong(b, baseOffset);
    putVarLong(b, createdMillis);
    putString(b, bootId);
    return b.flip();
  }

  /**
   * Encodes an observation at the buffer's position, given the dictionary ids of its installation,
   * device, channel and unit (reading) or type (event). At most {@link #MAX_OBSERVATION} bytes.
   */
  static void putObservation(ByteBuffer b, Observation o, int installation, int device,
      int channel, int fourth) {
    ObservedTime t = o.time();
    int trusted = t.clockTrusted() ? 1 : 0;
    double value;
    int flags;
    if (o instanceof Reading r) {
      b.put(READING);
      flags = r.quality().ordinal() << 1 | trusted;
      value = r.value();
    } else {
      b.put(EVENT);
      flags = trusted;
      value = ((InteractionEvent) o).value();
    }
    putVarLong(b, installation);
    putVarLong(b, device);
    putVarLong(b, channel);
    putVarLong(b, fourth);
    b.put((byte) flags);
    b.putDouble(value);
    putVarLong(b, o.seq());
    putVarLong(b, t.epochMillis());
    putVarLong(b, zigzag(t.monotonicNanos()));
  }

  /** The unit of a reading or the type of an event: the fourth dictionary string. */
  static String fourthString(Observation o) {
    return o instanceof Reading r ? r.unit() : ((InteractionEvent) o).type();
  }

  /** Encodes a dictionary entry at the buffer's position. */
  static void putDict(ByteBuffer b, int id, String value) {
    b.put(DICT);
    putVarLong(b, id);
    putString(b, value);
  }

  /** Upper bound of a dictionary payload for {@code value}. */
  static int maxDictBytes(String value) {
    return 16 + value.length() * 3;
  }

  static Observation decodeObservation(byte type, ByteBuffer b, List<String> dict) {
    String installation = dict.get(getVarInt(b));
    String device = dict.get(getVarInt(b));
    String channel = dict.get(getVarInt(b));
    String fourth = dict.get(getVarInt(b));
    int flags = b.get() & 0xff;
    double value = b.getDouble();
    long seq = getVarLong(b);
    long epoch = getVarLong(b);
    long mono = unzigzag(getVarLong(b));
    ObservedTime time = new ObservedTime(epoch, mono, (flags & 1) == 1);
    if (type == READING) {
      return new Reading(installation, device, channel, value, fourth, QUALITIES[flags >> 1],
          time, seq);
    }
    return new InteractionEvent(installation, device, channel, fourth, value, time, seq);
  }

  static void putString(ByteBuffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    putVarLong(b, bytes.length);
    b.put(bytes);
  }

  static String getString(ByteBuffer b) {
    int len = getVarInt(b);
    if (len < 0 || len > b.remaining()) {
      throw new IllegalArgumentException("string length " + len + " out of frame");
    }
    byte[] bytes = new byte[len];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static void putVarLong(ByteBuffer b, long v) {
    while ((v & ~0x7FL) != 0) {
      b.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    b.put((byte) v);
  }

  static long getVarLong(ByteBuffer b) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte x = b.get();
      result |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("varlong too long");
  }

  static int getVarInt(ByteBuffer b) {
    long v = getVarLong(b);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("varint out of range: " + v);
    }
    return (int) v;
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
