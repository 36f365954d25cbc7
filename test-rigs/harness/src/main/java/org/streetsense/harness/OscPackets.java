package org.streetsense.harness;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * OSC 1.0 datagrams for tests and benchmarks: valid messages and bundles, the malformed shapes
 * that once ended the gateway's OSC listener, and a seeded fuzzer of random and mutated packets.
 * Pure byte building; no gateway code, so it can check the gateway's decoder independently.
 */
public final class OscPackets {

  private static final byte[] BUNDLE = "#bundle\0".getBytes(StandardCharsets.US_ASCII);
  /** The time tag meaning "immediately". */
  private static final long IMMEDIATELY = 1L;

  private OscPackets() {}

  /**
   * A message with arguments typed by their Java class: Integer {@code i}, Float {@code f},
   * Long {@code h}, Double {@code d}, String {@code s}, byte[] {@code b}, Boolean {@code T/F},
   * null {@code N}.
   */
  public static byte[] message(String address, Object... args) {
    StringBuilder tags = new StringBuilder(",");
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (Object a : args) {
      if (a instanceof Integer i) {
        tags.append('i');
        data.writeBytes(ByteBuffer.allocate(4).putInt(i).array());
      } else if (a instanceof Float f) {
        tags.append('f');
        data.writeBytes(ByteBuffer.allocate(4).putFloat(f).array());
      } else if (a instanceof Long l) {
        tags.append('h');
        data.writeBytes(ByteBuffer.allocate(8).putLong(l).array());
      } else if (a instanceof Double d) {
        tags.append('d');
        data.writeBytes(ByteBuffer.allocate(8).putDouble(d).array());
      } else if (a instanceof String s) {
        tags.append('s');
        data.writeBytes(string(s));
      } else if (a instanceof byte[] b) {
        tags.append('b');
        data.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        data.writeBytes(Arrays.copyOf(b, (b.length + 3) & ~3));
      } else if (a instanceof Boolean bool) {
        tags.append(bool ? 'T' : 'F');
      } else if (a == null) {
        tags.append('N');
      } else {
        throw new IllegalArgumentException("no OSC type for " + a.getClass());
      }
    }
    return concat(string(address), string(tags.toString()), data.toByteArray());
  }

  /** A bundle (time tag "immediately") of the given packets. */
  public static byte[] bundle(byte[]... elements) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(BUNDLE);
    out.writeBytes(ByteBuffer.allocate(8).putLong(IMMEDIATELY).array());
    for (byte[] e : elements) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(e.length).array());
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  /** {@code inner} wrapped in {@code depth} bundles (a message in one bundle is depth 1). */
  public static byte[] nested(int depth, byte[] inner) {
    byte[] p = inner;
    for (int i = 0; i < depth; i++) {
      p = bundle(p);
    }
    return p;
  }

  /** A string with its zero terminator, padded to a multiple of 4 bytes. */
  public static byte[] string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(b, (b.length + 4) & ~3);
  }

  /**
   * A malformed datagram.
   *
   * @param name what is wrong with it
   * @param reason the drop reason the gateway's decoder counts it under (its wire name)
   * @param bytes the datagram
   */
  public record Shape(String name, String reason, byte[] bytes) {
    @Override
    public String toString() {
      return name + " (" + bytes.length + " bytes)";
    }
  }

  /**
   * The malformed shapes, built around a valid command address: the 4-byte {@code /abc}, a type
   * tag without data, an unknown tag, an unterminated string, a blob length of 0x7fffffff, a
   * negative blob length, a truncated bundle header, a truncated, a negative and an oversized
   * bundle element size, bundles nested 3,000 deep (60 KB) and 9 deep (small), an empty
   * datagram, a bad address and plain text.
   */
  public static List<Shape> malformed(String address) {
    byte[] addr = string(address);
    List<Shape> s = new ArrayList<>();
    s.add(new Shape("4-byte /abc", "unterminated_string", ascii("/abc")));
    s.add(new Shape("type tag without data", "truncated", concat(addr, string(",f"))));
    s.add(new Shape("unknown type tag", "unknown_type_tag", concat(addr, string(",x"), int32(1))));
    s.add(new Shape("unterminated string argument", "unterminated_string",
        concat(addr, string(",s"), ascii("abcd"))));
    s.add(new Shape("blob length 0x7fffffff", "bad_length",
        concat(addr, string(",b"), int32(0x7fffffff), int32(0))));
    s.add(new Shape("negative blob length", "bad_length",
        concat(addr, string(",b"), int32(-1), int32(0))));
    byte[] header = Arrays.copyOf(bundle(), 16);
    s.add(new Shape("truncated bundle header", "truncated", Arrays.copyOf(header, 12)));
    s.add(new Shape("truncated bundle element size", "truncated",
        concat(header, new byte[] {0, 0})));
    s.add(new Shape("negative bundle element size", "bad_length",
        concat(header, int32(-8), message(address, 1.0f))));
    s.add(new Shape("bundle element size past the end", "bad_length",
        concat(header, int32(1024), message(address, 1.0f))));
    s.add(new Shape("bundles nested 3,000 deep", "too_large", nested(3000, message(address, 1.0f))));
    s.add(new Shape("bundles nested 9 deep", "too_deep", nested(9, message(address, 1.0f))));
    s.add(new Shape("empty datagram", "not_osc", new byte[0]));
    s.add(new Shape("address with a space", "bad_address", message("/street sense/x", 1.0f)));
    s.add(new Shape("plain text", "not_osc", ascii("hello gateway\n")));
    return List.copyOf(s);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] int32(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /**
   * A seeded, reproducible stream of fuzz inputs: random bytes, valid messages and bundles
   * (nested up to {@code maxDepth + 4}, so past the decoder's limit), and mutations of valid
   * packets (bit flips, truncation, length fields overwritten with hostile values, type tags
   * replaced, bytes inserted). Not thread-safe; one per thread.
   */
  public static final class Fuzzer {
    private static final String TAGS = "ifsSbhdtcrmTFNI";
    private static final int[] HOSTILE = {0x7fffffff, -1, -4, Integer.MIN_VALUE, 0, 3, 4, 8, 4096,
        65_536};
    private final Random random;
    private final int maxLength;
    private final int maxDepth;
    private String kind = "";

    /**
     * @param maxLength longest input made (random inputs and mutations may exceed a decoder
     *     limit below it)
     * @param maxDepth nesting depth the decoder allows; nested inputs go a few levels beyond
     */
    public Fuzzer(long seed, int maxLength, int maxDepth) {
      this.random = new Random(seed);
      this.maxLength = maxLength;
      this.maxDepth = maxDepth;
    }

    /** What the last input was: random, message, bundle, nested, or mutation:what. */
    public String kind() {
      return kind;
    }

    public byte[] next() {
      int dice = random.nextInt(100);
      if (dice < 10) {
        kind = "random";
        byte[] b = new byte[random.nextInt(random.nextInt(10) == 0 ? maxLength : Math.min(maxLength, 512))];
        random.nextBytes(b);
        if (b.length > 0 && random.nextBoolean()) {
          b[0] = '/';
        }
        return b;
      }
      if (dice < 25) {
        kind = "message";
        return validMessage();
      }
      if (dice < 35) {
        kind = "bundle";
        return validBundle(random.nextInt(3));
      }
      if (dice < 40) {
        kind = "nested";
        return nested(1 + random.nextInt(maxDepth + 4), validMessage());
      }
      byte[] base = random.nextBoolean() ? validMessage() : validBundle(random.nextInt(maxDepth + 2));
      return mutate(base);
    }

    private byte[] mutate(byte[] b) {
      byte[] m = b.clone();
      switch (random.nextInt(6)) {
        case 0 -> {
          kind = "mutation:bit flips";
          for (int i = 1 + random.nextInt(8); i > 0 && m.length > 0; i--) {
            int at = random.nextInt(m.length);
            m[at] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> {
          kind = "mutation:truncation";
          m = Arrays.copyOf(m, m.length == 0 ? 0 : random.nextInt(m.length));
        }
        case 2 -> {
          kind = "mutation:length field";
          for (int i = 1 + random.nextInt(3); i > 0 && m.length >= 4; i--) {
            int at = random.nextInt(m.length / 4) * 4;
            int v = random.nextBoolean() ? HOSTILE[random.nextInt(HOSTILE.length)] : random.nextInt();
            ByteBuffer.wrap(m).putInt(at, v);
          }
        }
        case 3 -> {
          kind = "mutation:type tag";
          int comma = indexOf(m, (byte) ',');
          if (comma >= 0 && comma + 1 < m.length) {
            m[comma + 1 + random.nextInt(Math.min(4, m.length - comma - 1))] =
                random.nextBoolean() ? (byte) TAGS.charAt(random.nextInt(TAGS.length()))
                    : (byte) random.nextInt(256);
          }
        }
        case 4 -> {
          kind = "mutation:insertion";
          int at = m.length == 0 ? 0 : random.nextInt(m.length);
          byte[] extra = new byte[1 + random.nextInt(8)];
          random.nextBytes(extra);
          m = concat(Arrays.copyOf(m, at), extra, Arrays.copyOfRange(m, at, m.length));
        }
        default -> {
          kind = "mutation:zero terminator removed";
          for (int i = 0; i < m.length; i++) {
            if (m[i] == 0 && random.nextInt(3) == 0) {
              m[i] = (byte) ('a' + random.nextInt(26));
            }
          }
        }
      }
      return m.length > maxLength ? Arrays.copyOf(m, maxLength) : m;
    }

    private byte[] validMessage() {
      StringBuilder address = new StringBuilder();
      for (int level = 1 + random.nextInt(4); level > 0; level--) {
        address.append('/');
        for (int i = 1 + random.nextInt(10); i > 0; i--) {
          address.append((char) ('a' + random.nextInt(26)));
        }
      }
      Object[] args = new Object[random.nextInt(6)];
      for (int i = 0; i < args.length; i++) {
        args[i] = switch (random.nextInt(9)) {
          case 0 -> random.nextInt();
          case 1 -> random.nextFloat();
          case 2 -> random.nextLong();
          case 3 -> random.nextDouble();
          case 4 -> "s" + random.nextInt(1000);
          case 5 -> {
            byte[] blob = new byte[random.nextInt(40)];
            random.nextBytes(blob);
            yield blob;
          }
          case 6 -> Boolean.TRUE;
          case 7 -> Boolean.FALSE;
          default -> null;
        };
      }
      return message(address.toString(), args);
    }

    private byte[] validBundle(int depth) {
      byte[][] elements = new byte[1 + random.nextInt(4)][];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = depth > 0 && random.nextInt(3) == 0 ? validBundle(depth - 1) : validMessage();
      }
      return bundle(elements);
    }

    private static int indexOf(byte[] b, byte v) {
      for (int i = 0; i < b.length; i++) {
        if (b[i] == v) {
          return i;
        }
      }
      return -1;
    }
  }
}
