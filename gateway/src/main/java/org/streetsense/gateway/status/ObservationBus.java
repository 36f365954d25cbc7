package org.streetsense.gateway.status;

import io.vertx.core.json.JsonObject;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Reading;

/**
 * The event-bus contract for live observations: on {@link #ADDRESS} the gateway publishes each
 * accepted observation as one {@link JsonObject}, documented in this package's
 * {@code package-info}.
 */
public final class ObservationBus {

  /** Event-bus address of accepted observations (publish, not send). */
  public static final String ADDRESS = "streetsense.observations";

  private ObservationBus() {}

  /**
   * The message for one accepted observation.
   *
   * @param observation an accepted observation (seq assigned)
   * @return {@code {ts, seq, device, channel, value, unit, quality, kind}} for a reading, plus
   *     {@code type} and with {@code unit ""} and {@code quality "good"} for an event
   */
  public static JsonObject toJson(Observation observation) {
    JsonObject json = new JsonObject()
        .put("ts", observation.time().epochMillis())
        .put("seq", observation.seq())
        .put("device", observation.device())
        .put("channel", observation.channel());
    if (observation instanceof Reading reading) {
      json.put("value", Double.isNaN(reading.value()) ? null : reading.value())
          .put("unit", reading.unit())
          .put("quality", reading.quality().wireName())
          .put("kind", "reading");
    } else if (observation instanceof InteractionEvent event) {
      json.put("value", event.value())
          .put("unit", "")
          .put("quality", "good")
          .put("type", event.type())
          .put("kind", "event");
    }
    return json;
  }
}
