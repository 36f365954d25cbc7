package org.streetsense.gateway.uplink.contract;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.Observation;

/**
 * Encodes payloads of contract version 1 (docs/mqtt-contract.md) as flat UTF-8 JSON objects that
 * Telegraf's {@code json} parser ingests unchanged: {@code ts} in Unix milliseconds, numbers as
 * fields, strings as declared tag keys. Observations are written as bytes by
 * {@link ObservationJson} (the forwarder's hot path); gaps and states with Jackson's streaming
 * generator (no reflection).
 *
 * <p>A value that is NaN or infinite is left out (JSON has no such numbers) and a reading's
 * quality is then {@code fault}. Thread-safe.
 */
public final class PayloadEncoder {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** Bytes reserved per observation of a batch (a typical reading encodes to about 160). */
  private static final int BYTES_PER_OBSERVATION = 176;
  /** Observations a batch's first buffer is sized for; a larger batch grows it as needed. */
  private static final int MAX_HINTED = 2000;

  private final ObservationJson observations = new ObservationJson();

  /** One reading or event as a flat object. */
  public byte[] observation(Observation o) {
    return observations.object(o, 256);
  }

  /** Several readings or events as a JSON array of flat objects (batched mode). */
  public byte[] observations(List<? extends Observation> batch) {
    return observations.array(batch,
        16 + BYTES_PER_OBSERVATION * Math.min(batch.size(), MAX_HINTED));
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
