package org.streetsense.gateway.uplink.contract;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/**
 * Encodes payloads of contract version 1 (docs/mqtt-contract.md) as flat UTF-8 JSON objects that
 * Telegraf's {@code json} parser ingests unchanged: {@code ts} in Unix milliseconds, numbers as
 * fields, strings as declared tag keys. Uses Jackson's streaming generator (no reflection).
 *
 * <p>A value that is NaN or infinite is left out (JSON has no such numbers) and a reading's
 * quality is then {@code fault}. Thread-safe.
 */
public final class PayloadEncoder {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** One reading or event as a flat object. */
  public byte[] observation(Observation o) {
    return write(g -> writeObservation(g, o));
  }

  /** Several readings or events as a JSON array of flat objects (batched mode). */
  public byte[] observations(List<? extends Observation> batch) {
    return write(g -> {
      g.writeStartArray();
      for (Observation o : batch) {
        writeObservation(g, o);
      }
      g.writeEndArray();
    });
  }

  /** A gap report; {@code ts} is the time of the first lost observation. */
  public byte[] gap(Gap gap) {
    return write(g -> {
      g.writeStartObject();
      g.writeNumberField("ts", gap.fromMillis());
      g.writeStringField("installation", gap.installation());
      g.writeStringField("device", gap.device());
      g.writeStringField("channel", gap.channel());
      g.writeNumberField("first_seq", gap.firstSeq());
      g.writeNumberField("last_seq", gap.lastSeq());
      g.writeNumberField("count", gap.count());
      g.writeStringField("reason", gap.reason());
      g.writeNumberField("from_ts", gap.fromMillis());
      g.writeNumberField("to_ts", gap.toMillis());
      g.writeEndObject();
    });
  }

  /** The gateway's birth or will state. */
  public byte[] state(GatewayState state) {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("status", state.status());
      g.writeNumberField("ts", state.ts());
      g.writeNumberField("boot", state.boot());
      g.writeStringField("version", state.version());
      g.writeStringField("installation", state.installation());
      g.writeArrayFieldStart("devices");
      for (String d : state.devices()) {
        g.writeString(d);
      }
      g.writeEndArray();
      g.writeNumberField("config_version", state.configVersion());
      g.writeStringField("config_digest", state.configDigest());
      g.writeEndObject();
    });
  }

  private static void writeObservation(JsonGenerator g, Observation o) throws IOException {
    g.writeStartObject();
    g.writeNumberField("ts", o.time().epochMillis());
    g.writeNumberField("seq", o.seq());
    g.writeStringField("installation", o.installation());
    g.writeStringField("device", o.device());
    g.writeStringField("channel", o.channel());
    if (o instanceof Reading r) {
      boolean finite = Double.isFinite(r.value());
      if (finite) {
        g.writeNumberField("value", r.value());
      }
      g.writeStringField("unit", r.unit());
      g.writeStringField("quality", finite ? r.quality().wireName() : Quality.FAULT.wireName());
    } else if (o instanceof InteractionEvent e) {
      g.writeStringField("type", e.type());
      if (Double.isFinite(e.value())) {
        g.writeNumberField("value", e.value());
      }
    }
    g.writeStringField("clock", o.time().clockTrusted() ? "trusted" : "untrusted");
    g.writeEndObject();
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode payload", e);
    }
    return out.toByteArray();
  }
}
