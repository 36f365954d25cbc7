package org.streetsense.gateway.status;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/**
 * A {@link HistorySource} that keeps the most recent readings of each channel in memory: one
 * bounded ring per channel, the oldest reading overwritten when a ring is full.
 *
 * <p>Threading: thread-safe; {@link #record} and the queries lock only the one channel's ring.
 * Queries scan the ring, so they cost O(capacity) and never block on I/O. Memory is about 25
 * bytes per slot per channel.
 */
public final class InMemoryHistory implements HistorySource {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryHistory.class);

  private final int capacityPerChannel;
  private final Map<String, HistoryRing> rings = new ConcurrentHashMap<>();

  /**
   * @param capacityPerChannel readings kept per channel, {@code >= 1}
   * @throws IllegalArgumentException if the capacity is below 1
   */
  public InMemoryHistory(int capacityPerChannel) {
    if (capacityPerChannel < 1) {
      throw new IllegalArgumentException(
          "capacityPerChannel must be >= 1, was " + capacityPerChannel);
    }
    this.capacityPerChannel = capacityPerChannel;
  }

  /** Readings kept per channel. */
  public int capacityPerChannel() {
    return capacityPerChannel;
  }

  /** Stores one reading of {@code device/channel}, evicting that channel's oldest when full. */
  public void record(String device, String channel, HistoryPoint point) {
    Objects.requireNonNull(point, "point");
    rings.computeIfAbsent(key(device, channel), k -> new HistoryRing(capacityPerChannel))
        .add(point);
  }

  /**
   * Stores an accepted observation if it is a reading (events are ignored). What the gateway calls
   * for every accepted observation, on the spool's completion thread (no event-bus hop per
   * reading, decision 0385).
   *
   * @return whether it was a reading and was stored
   */
  public boolean record(Observation observation) {
    if (!(observation instanceof Reading reading)) {
      return false;
    }
    record(reading.device(), reading.channel(), new HistoryPoint(
        Instant.ofEpochMilli(reading.time().epochMillis()), reading.value(), reading.quality(),
        reading.seq()));
    return true;
  }

  /**
   * Stores a reading given as an event-bus message (see the package documentation); events
   * ({@code kind "event"}) are ignored.
   *
   * @return whether the message was a reading and was stored
   * @throws IllegalArgumentException naming the field if a reading lacks device, channel or ts,
   *     or has an unknown quality
   */
  public boolean recordMessage(JsonObject message) {
    if (!"reading".equals(message.getString("kind", "reading"))) {
      return false;
    }
    String device = required(message, "device");
    String channel = required(message, "channel");
    Long ts = message.getLong("ts");
    if (ts == null) {
      throw new IllegalArgumentException("observation message lacks 'ts'");
    }
    Number value = message.getNumber("value");
    String qualityName = message.getString("quality", "good");
    Quality quality;
    try {
      quality = Quality.valueOf(qualityName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "observation message has unknown 'quality' '" + qualityName + "'", e);
    }
    record(device, channel, new HistoryPoint(Instant.ofEpochMilli(ts),
        value == null ? Double.NaN : value.doubleValue(), quality, message.getLong("seq", 0L)));
    return true;
  }

  /**
   * Records every reading published on {@link ObservationBus#ADDRESS} from now on. Malformed
   * messages are skipped (the bus contract is the gateway's own; a bad one is a bug upstream).
   *
   * @return the consumer; unregister it to stop recording
   */
  public MessageConsumer<JsonObject> subscribe(EventBus bus) {
    return subscribe(bus, ObservationBus.ADDRESS);
  }

  /** Records every observation published on {@code address} from now on (see {@link #subscribe(EventBus)}). */
  public MessageConsumer<JsonObject> subscribe(EventBus bus, String address) {
    return bus.consumer(address, message -> {
      try {
        recordMessage(message.body());
      } catch (IllegalArgumentException e) {
        LOG.warn("skipped malformed observation message: {}", e.getMessage());
      }
    });
  }

  @Override
  public List<HistoryPoint> query(
      String device, String channel, Instant from, Instant to, int limit) {
    checkRange(from, to);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    HistoryRing ring = rings.get(key(device, channel));
    return ring == null ? List.of() : ring.between(from, to, limit);
  }

  @Override
  public Aggregate aggregate(String device, String channel, Instant from, Instant to) {
    checkRange(from, to);
    HistoryRing ring = rings.get(key(device, channel));
    return ring == null ? Aggregate.empty(from, to) : ring.aggregate(from, to);
  }

  private static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
  }

  private static String required(JsonObject message, String field) {
    String value = message.getString(field);
    if (value == null) {
      throw new IllegalArgumentException("observation message lacks '" + field + "'");
    }
    return value;
  }

  private static String key(String device, String channel) {
    return Objects.requireNonNull(device, "device") + "/"
        + Objects.requireNonNull(channel, "channel");
  }
}
