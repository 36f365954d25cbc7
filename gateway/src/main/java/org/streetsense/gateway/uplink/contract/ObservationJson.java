package org.streetsense.gateway.uplink.contract;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/**
 * Writes observations as the contract's flat JSON objects straight into a byte array: the
 * forwarder's hottest step in batched delivery (decision 0379). The strings of an observation
 * (installation, device, channel, unit or event type, quality) repeat from one observation to
 * the next, so each distinct string is written once by Jackson's streaming generator and its
 * quoted, escaped UTF-8 bytes are kept (at most {@value #MAX_CACHED}; the cache starts afresh when
 * full). Numbers are written as Jackson's generator writes them ({@link NumberOutput} for
 * integers, {@link Double#toString(double)} for values), so the bytes are exactly those of the
 * streaming generator this replaces ({@code PayloadEncoderTest} compares the two).
 *
 * <p>A value that is NaN or infinite is left out and a reading's quality is then {@code fault}.
 * Thread-safe: each call writes into its own array; the cache is concurrent.
 */
final class ObservationJson {

  /** Most distinct strings kept quoted (the installation's ids, units and types). */
  static final int MAX_CACHED = 1024;

  private static final byte[] TS = ascii("{\"ts\":");
  private static final byte[] SEQ = ascii(",\"seq\":");
  private static final byte[] INSTALLATION = ascii(",\"installation\":");
  private static final byte[] DEVICE = ascii(",\"device\":");
  private static final byte[] CHANNEL = ascii(",\"channel\":");
  private static final byte[] VALUE = ascii(",\"value\":");
  private static final byte[] UNIT = ascii(",\"unit\":");
  private static final byte[] QUALITY = ascii(",\"quality\":");
  private static final byte[] TYPE = ascii(",\"type\":");
  private static final byte[] TRUSTED = ascii(",\"clock\":\"trusted\"}");
  private static final byte[] UNTRUSTED = ascii(",\"clock\":\"untrusted\"}");
  /** Longest number: a long's 20 characters, or a double's 24 ({@code -1.7976931348623157E308}). */
  private static final int MAX_NUMBER = 26;

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final Map<String, byte[]> quoted = new ConcurrentHashMap<>();

  /** One observation as a flat object, in an array of {@code sizeHint} bytes to start with. */
  byte[] object(Observation o, int sizeHint) {
    Out out = new Out(sizeHint);
    write(out, o);
    return out.bytes();
  }

  /** Observations as a JSON array of flat objects, starting with {@code sizeHint} bytes. */
  byte[] array(List<? extends Observation> batch, int sizeHint) {
    Out out = new Out(sizeHint);
    out.put((byte) '[');
    boolean first = true;
    for (Observation o : batch) {
      if (!first) {
        out.put((byte) ',');
      }
      first = false;
      write(out, o);
    }
    out.put((byte) ']');
    return out.bytes();
  }

  private void write(Out out, Observation o) {
    out.put(TS);
    out.number(o.time().epochMillis());
    out.put(SEQ);
    out.number(o.seq());
    out.put(INSTALLATION);
    out.put(quote(o.installation()));
    out.put(DEVICE);
    out.put(quote(o.device()));
    out.put(CHANNEL);
    out.put(quote(o.channel()));
    if (o instanceof Reading r) {
      boolean finite = Double.isFinite(r.value());
      if (finite) {
        out.put(VALUE);
        out.number(r.value());
      }
      out.put(UNIT);
      out.put(quote(r.unit()));
      out.put(QUALITY);
      out.put(quote(finite ? r.quality().wireName() : Quality.FAULT.wireName()));
    } else if (o instanceof InteractionEvent e) {
      out.put(TYPE);
      out.put(quote(e.type()));
      if (Double.isFinite(e.value())) {
        out.put(VALUE);
        out.number(e.value());
      }
    }
    out.put(o.time().clockTrusted() ? TRUSTED : UNTRUSTED);
  }

  /** {@code s} escaped as a JSON string, quotes included, UTF-8. */
  private byte[] quote(String s) {
    byte[] q = quoted.get(s);
    if (q == null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
      try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        g.writeString(s);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode string", e);
      }
      q = out.toByteArray();
      if (quoted.size() >= MAX_CACHED) {
        quoted.clear();
      }
      quoted.put(s, q);
    }
    return q;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A byte array that grows by doubling. */
  private static final class Out {
    private byte[] buf;
    private int len;

    Out(int sizeHint) {
      buf = new byte[Math.max(64, sizeHint)];
    }

    void put(byte b) {
      room(1);
      buf[len++] = b;
    }

    void put(byte[] bytes) {
      room(bytes.length);
      System.arraycopy(bytes, 0, buf, len, bytes.length);
      len += bytes.length;
    }

    void number(long v) {
      room(MAX_NUMBER);
      len = NumberOutput.outputLong(v, buf, len);
    }

    void number(double v) {
      String s = Double.toString(v);
      room(s.length());
      for (int i = 0; i < s.length(); i++) {
        buf[len++] = (byte) s.charAt(i);
      }
    }

    byte[] bytes() {
      return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    private void room(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }
  }
}
