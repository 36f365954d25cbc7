package org.streetsense.gateway.uplink.contract;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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

  // an observation's field names and fixed values, quoted and UTF-8 encoded once: written as
  // bytes, not escaped character by character for every observation of every batch
  private static final SerializableString TS = new SerializedString("ts");
  private static final SerializableString SEQ = new SerializedString("seq");
  private static final SerializableString INSTALLATION = new SerializedString("installation");
  private static final SerializableString DEVICE = new SerializedString("device");
  private static final SerializableString CHANNEL = new SerializedString("channel");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString UNIT = new SerializedString("unit");
  private static final SerializableString QUALITY = new SerializedString("quality");
  private static final SerializableString TYPE = new SerializedString("type");
  private static final SerializableString CLOCK = new SerializedString("clock");
  private static final SerializableString TRUSTED = new SerializedString("trusted");
  private static final SerializableString UNTRUSTED = new SerializedString("untrusted");

  /** Bytes reserved per observation of a batch (a typical reading encodes to about 160). */
  private static final int BYTES_PER_OBSERVATION = 176;
  /** Observations a batch's first buffer is sized for; a larger batch grows it as needed. */
  private static final int MAX_HINTED = 2000;

  /** One reading or event as a flat object. */
  public byte[] observation(Observation o) {
    return write(256, g -> writeObservation(g, o));
  }

  /** Several readings or events as a JSON array of flat objects (batched mode). */
  public byte[] observations(List<? extends Observation> batch) {
    return write(16 + BYTES_PER_OBSERVATION * Math.min(batch.size(), MAX_HINTED), g -> {
      g.writeStartArray();
      for (Observation o : batch) {
        writeObservation(g, o);
      }
      g.writeEndArray();
    });
  }

  /** A gap report; {@code ts} is the time of the first lost observation. */
  public byte[] gap(Gap gap) {
    return write(256, g -> {
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
    return write(256, g -> {
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
    g.writeFieldName(TS);
    g.writeNumber(o.time().epochMillis());
    g.writeFieldName(SEQ);
    g.writeNumber(o.seq());
    g.writeFieldName(INSTALLATION);
    g.writeString(o.installation());
    g.writeFieldName(DEVICE);
    g.writeString(o.device());
    g.writeFieldName(CHANNEL);
    g.writeString(o.channel());
    if (o instanceof Reading r) {
      boolean finite = Double.isFinite(r.value());
      if (finite) {
        g.writeFieldName(VALUE);
        g.writeNumber(r.value());
      }
      g.writeFieldName(UNIT);
      g.writeString(r.unit());
      g.writeFieldName(QUALITY);
      g.writeString(finite ? r.quality().wireName() : Quality.FAULT.wireName());
    } else if (o instanceof InteractionEvent e) {
      g.writeFieldName(TYPE);
      g.writeString(e.type());
      if (Double.isFinite(e.value())) {
        g.writeFieldName(VALUE);
        g.writeNumber(e.value());
      }
    }
    g.writeFieldName(CLOCK);
    g.writeString(o.time().clockTrusted() ? TRUSTED : UNTRUSTED);
    g.writeEndObject();
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /** Encodes into a buffer of {@code sizeHint} bytes to start with (it grows if needed). */
  private static byte[] write(int sizeHint, Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode payload", e);
    }
    return out.toByteArray();
  }
}
