package org.streetsense.gateway.osc;

import com.illposed.osc.OSCMessage;
import com.illposed.osc.argument.OSCColor;
import com.illposed.osc.argument.OSCImpulse;
import com.illposed.osc.argument.OSCMidiMessage;
import com.illposed.osc.argument.OSCSymbol;
import com.illposed.osc.argument.OSCTimeTag64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes one OSC 1.0 datagram (a message or a bundle) into its messages, or says why it cannot,
 * without ever throwing on any input.
 *
 * <p>Every length is checked against the bytes that are left before anything is read or
 * allocated, so a blob or bundle element can never claim more than the datagram holds; bundles
 * nest at most {@link OscInOptions#maxBundleDepth()} deep (the recursion is bounded by it), and
 * one datagram yields at most {@link OscInOptions#maxMessagesPerDatagram()} messages. The work
 * is linear in the datagram's length: each byte is looked at a bounded number of times (counted
 * as {@code steps} in the result). A datagram is decoded whole or dropped whole: a bundle with
 * one bad element yields no message at all.
 *
 * <p>Type tags: {@code i f s S b h d t c r m T F N I}; the time tags of bundles are read and
 * ignored (commands run at once). Arrays ({@code [ ]}) are not supported. A message without a
 * type tag string (OSC 1.0's old form) has no arguments.
 *
 * <p>Thread-safe: it keeps no state between calls.
 */
public final class OscDecoder {

  private static final byte[] BUNDLE = "#bundle\0".getBytes(StandardCharsets.US_ASCII);

  private final int maxBytes;
  private final int maxDepth;
  private final int maxMessages;

  public OscDecoder(OscInOptions options) {
    Objects.requireNonNull(options, "options");
    this.maxBytes = options.maxDatagramBytes();
    this.maxDepth = options.maxBundleDepth();
    this.maxMessages = options.maxMessagesPerDatagram();
  }

  /** What came of one datagram. */
  public sealed interface Result permits Decoded, Dropped {
    /** Bytes looked at and fields read: at most a small multiple of the datagram's length. */
    long steps();
  }

  /** The datagram's messages, in order (bundle contents flattened). */
  public record Decoded(List<OSCMessage> messages, long steps) implements Result {
    public Decoded {
      messages = List.copyOf(messages);
    }
  }

  /** The datagram was dropped whole, for {@code reason}; {@code detail} says where. */
  public record Dropped(OscDropReason reason, String detail, long steps) implements Result {
    public Dropped {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * Decodes {@code data[0..length)}. {@code length} larger than the limit is dropped as
   * {@code too_large} without being read (the caller's buffer may hold less than that).
   */
  public Result decode(byte[] data, int length) {
    if (length > maxBytes) {
      return new Dropped(OscDropReason.TOO_LARGE, "datagram of " + length + " bytes or more; limit "
          + maxBytes, 0);
    }
    if (length < 0 || length > data.length) {
      throw new IllegalArgumentException("length " + length + " outside the buffer of "
          + data.length);
    }
    Reader r = new Reader(data);
    List<OSCMessage> out = new ArrayList<>();
    try {
      r.packet(0, length, 0, out);
      return new Decoded(out, r.steps);
    } catch (Malformed m) {
      return new Dropped(m.reason, m.getMessage(), r.steps);
    }
  }

  /** A decoding failure; control flow only, so it carries no stack trace. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    final transient OscDropReason reason;

    Malformed(OscDropReason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  private final class Reader {
    private final byte[] b;
    long steps;

    Reader(byte[] b) {
      this.b = b;
    }

    void packet(int start, int end, int depth, List<OSCMessage> out) throws Malformed {
      steps++;
      if (start == end) {
        throw new Malformed(OscDropReason.NOT_OSC, "empty packet at byte " + start);
      }
      if (b[start] == '/') {
        message(start, end, out);
      } else if (end - start >= BUNDLE.length
          && Arrays.equals(b, start, start + BUNDLE.length, BUNDLE, 0, BUNDLE.length)) {
        bundle(start, end, depth, out);
      } else if (b[start] == '#') {
        throw new Malformed(OscDropReason.NOT_OSC, "byte " + start + ": '#' not followed by 'bundle\\0'");
      } else {
        throw new Malformed(OscDropReason.NOT_OSC, "byte " + start
            + ": a packet starts with '/' or '#bundle', not 0x" + Integer.toHexString(b[start] & 0xff));
      }
    }

    private void bundle(int start, int end, int depth, List<OSCMessage> out) throws Malformed {
      if (depth >= maxDepth) {
        throw new Malformed(OscDropReason.TOO_DEEP, "byte " + start + ": bundle at nesting depth "
            + (depth + 1) + "; limit " + maxDepth);
      }
      int pos = start + BUNDLE.length;
      need(pos, 8, end, "the bundle's time tag");
      pos += 8;
      while (pos < end) {
        steps++;
        need(pos, 4, end, "a bundle element's size");
        int size = int32(pos);
        pos += 4;
        if (size < 0 || size > end - pos) {
          throw new Malformed(OscDropReason.BAD_LENGTH, "byte " + (pos - 4) + ": bundle element size "
              + size + " but " + (end - pos) + " bytes left");
        }
        if (size % 4 != 0) {
          throw new Malformed(OscDropReason.BAD_LENGTH, "byte " + (pos - 4) + ": bundle element size "
              + size + " is not a multiple of 4");
        }
        packet(pos, pos + size, depth + 1, out);
        pos += size;
      }
    }

    private void message(int start, int end, List<OSCMessage> out) throws Malformed {
      if (out.size() >= maxMessages) {
        throw new Malformed(OscDropReason.TOO_MANY_MESSAGES, "byte " + start + ": more than "
            + maxMessages + " messages in one datagram");
      }
      int zero = terminator(start, end, "address");
      String address = new String(b, start, zero - start, StandardCharsets.UTF_8);
      int pos = padded(start, zero, end, "address");
      if (!OSCMessage.isValidAddress(address)) {
        throw new Malformed(OscDropReason.BAD_ADDRESS, "byte " + start + ": address '"
            + printable(address) + "' is not a valid OSC address");
      }
      List<Object> args = new ArrayList<>();
      if (pos < end) {
        if (b[pos] != ',') {
          throw new Malformed(OscDropReason.UNKNOWN_TYPE_TAG, "byte " + pos
              + ": the type tag string does not start with ','");
        }
        int tagsZero = terminator(pos, end, "type tags");
        int dataPos = padded(pos, tagsZero, end, "type tags");
        for (int t = pos + 1; t < tagsZero; t++) {
          dataPos = argument((char) (b[t] & 0xff), t, dataPos, end, args);
        }
        pos = dataPos;
        if (pos != end) {
          throw new Malformed(OscDropReason.BAD_LENGTH, "byte " + pos + ": " + (end - pos)
              + " bytes after the last argument of " + printable(address));
        }
      }
      out.add(new OSCMessage(address, args));
    }

    /** Reads one argument at {@code pos}; returns the position after it. */
    private int argument(char tag, int tagPos, int pos, int end, List<Object> args) throws Malformed {
      steps++;
      String what = "argument '" + tag + "' (type tag at byte " + tagPos + ")";
      switch (tag) {
        case 'i' -> {
          need(pos, 4, end, what);
          args.add(int32(pos));
          return pos + 4;
        }
        case 'f' -> {
          need(pos, 4, end, what);
          args.add(Float.intBitsToFloat(int32(pos)));
          return pos + 4;
        }
        case 'h' -> {
          need(pos, 8, end, what);
          args.add(int64(pos));
          return pos + 8;
        }
        case 'd' -> {
          need(pos, 8, end, what);
          args.add(Double.longBitsToDouble(int64(pos)));
          return pos + 8;
        }
        case 't' -> {
          need(pos, 8, end, what);
          args.add(OSCTimeTag64.valueOf(int64(pos)));
          return pos + 8;
        }
        case 'c' -> {
          need(pos, 4, end, what);
          args.add((char) (b[pos + 3] & 0xff));
          return pos + 4;
        }
        case 'r' -> {
          need(pos, 4, end, what);
          args.add(new OSCColor(b[pos], b[pos + 1], b[pos + 2], b[pos + 3]));
          return pos + 4;
        }
        case 'm' -> {
          need(pos, 4, end, what);
          args.add(OSCMidiMessage.valueOf(Arrays.copyOfRange(b, pos, pos + 4)));
          return pos + 4;
        }
        case 's', 'S' -> {
          int zero = terminator(pos, end, what);
          String s = new String(b, pos, zero - pos, StandardCharsets.UTF_8);
          args.add(tag == 's' ? s : OSCSymbol.valueOf(s));
          return padded(pos, zero, end, what);
        }
        case 'b' -> {
          need(pos, 4, end, what + " length");
          int length = int32(pos);
          pos += 4;
          if (length < 0 || length > end - pos) {
            throw new Malformed(OscDropReason.BAD_LENGTH, "byte " + (pos - 4) + ": blob length "
                + length + " but " + (end - pos) + " bytes left");
          }
          int next = pos + align(length);
          if (next > end) {
            throw new Malformed(OscDropReason.TRUNCATED, "byte " + pos + ": blob padding past the end");
          }
          steps += length / 64;
          args.add(Arrays.copyOfRange(b, pos, pos + length));
          return next;
        }
        case 'T' -> args.add(Boolean.TRUE);
        case 'F' -> args.add(Boolean.FALSE);
        case 'N' -> args.add(null);
        case 'I' -> args.add(OSCImpulse.INSTANCE);
        default -> throw new Malformed(OscDropReason.UNKNOWN_TYPE_TAG, "byte " + tagPos
            + ": unknown type tag 0x" + Integer.toHexString(tag));
      }
      return pos;
    }

    private void need(int pos, int n, int end, String what) throws Malformed {
      if (end - pos < n) {
        throw new Malformed(OscDropReason.TRUNCATED, "byte " + pos + ": " + what + " needs " + n
            + " bytes, " + (end - pos) + " left");
      }
    }

    /** The position of the zero byte ending the string at {@code start}. */
    private int terminator(int start, int end, String what) throws Malformed {
      for (int i = start; i < end; i++) {
        steps++;
        if (b[i] == 0) {
          return i;
        }
      }
      throw new Malformed(OscDropReason.UNTERMINATED_STRING, "byte " + start + ": " + what
          + " has no terminating zero byte");
    }

    /** The position after the string's padding (to a multiple of 4 from {@code start}). */
    private int padded(int start, int zero, int end, String what) throws Malformed {
      int next = start + align(zero - start + 1);
      if (next > end) {
        throw new Malformed(OscDropReason.TRUNCATED, "byte " + zero + ": the padding of " + what
            + " runs past the end");
      }
      return next;
    }

    private int int32(int pos) {
      return ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8)
          | (b[pos + 3] & 0xff);
    }

    private long int64(int pos) {
      return ((long) int32(pos) << 32) | (int32(pos + 4) & 0xffffffffL);
    }
  }

  private static int align(int n) {
    return (n + 3) & ~3;
  }

  /** The address as it may appear in a log line: printable ASCII, at most 64 characters. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), 64) + 3);
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > 64 ? out.append("...").toString() : out.toString();
  }
}
