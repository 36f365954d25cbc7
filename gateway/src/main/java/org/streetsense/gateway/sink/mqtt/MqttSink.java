package org.streetsense.gateway.sink.mqtt;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.sink.Sink;
import org.streetsense.gateway.uplink.MqttUplink;
import org.streetsense.gateway.uplink.UplinkDisconnectedException;
import org.streetsense.gateway.uplink.contract.PayloadEncoder;
import org.streetsense.gateway.uplink.contract.TopicKind;
import org.streetsense.gateway.uplink.contract.Topics;

/**
 * The spool's MQTT destination: publishes observations at the QoS of its options
 * ({@code uplink.mqtt.qos}, default 1), not retained, on
 * {@code <prefix>/<installation>/<device>/reading|event} and gaps on {@code .../gap}, in
 * the payloads of docs/mqtt-contract.md. A batch succeeds when the broker acknowledged every
 * message of it; while the uplink is disconnected it fails at once and the spool retries.
 *
 * <p>The sink does not own the uplink: the uplink also carries the gateway's birth, will and
 * commands, so whoever created it stops it. {@link #close()} only makes the sink refuse work.
 */
public final class MqttSink implements Sink {

  /** Installation, device and channel of a gap the spool cannot attribute to a stream. */
  static final String UNATTRIBUTED = "*";
  /** Most topics kept per kind (devices of the installation, and of spooled older files). */
  private static final int MAX_CACHED_TOPICS = 1024;

  private final MqttUplink uplink;
  private final Topics topics;
  private final MqttSinkOptions options;
  private final PayloadEncoder encoder = new PayloadEncoder();
  /** Reading and event topics by device, so a batch builds no topic string per observation. */
  private final Map<String, String> readingTopics = new ConcurrentHashMap<>();
  private final Map<String, String> eventTopics = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public MqttSink(MqttUplink uplink, Topics topics, MqttSinkOptions options) {
    this.uplink = Objects.requireNonNull(uplink, "uplink");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return "mqtt";
  }

  @Override
  public Future<Void> deliver(List<Observation> batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    Future<Void> refused = refusal();
    if (refused != null) {
      return refused;
    }
    List<Future<Void>> acks = new ArrayList<>();
    try {
      if (options.mode() == MqttSinkOptions.Mode.PER_OBSERVATION) {
        for (Observation o : batch) {
          acks.add(publish(o, topicOf(o), encoder.observation(o)));
        }
      } else {
        for (Observation o : batch) {
          if (o instanceof InteractionEvent) {
            acks.add(publish(o, topicOf(o), encoder.observation(o)));
          }
        }
        for (Map.Entry<String, List<Observation>> e : readingsByTopic(batch).entrySet()) {
          List<Observation> all = e.getValue();
          for (int from = 0; from < all.size(); from += options.maxPerMessage()) {
            List<Observation> chunk =
                all.subList(from, Math.min(all.size(), from + options.maxPerMessage()));
            acks.add(publish(chunk.get(0), e.getKey(), encoder.observations(chunk)));
          }
        }
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return Future.all(acks).mapEmpty();
  }

  @Override
  public Future<Void> reportGap(Gap gap) {
    Future<Void> refused = refusal();
    if (refused != null) {
      return refused;
    }
    try {
      Gap g = gap;
      if (UNATTRIBUTED.equals(gap.installation())) {
        // records past a corrupt frame cannot be attributed; they were this installation's all the same
        g = new Gap(topics.installation(), gap.device(), gap.channel(), gap.firstSeq(),
            gap.lastSeq(), gap.count(), gap.reason(), gap.fromMillis(), gap.toMillis());
      }
      requireInstallation(g.installation());
      return uplink.publish(topics.gap(g.device()), encoder.gap(g), options.qos(), false);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public boolean available() {
    return !closed && uplink.isConnected();
  }

  @Override
  public void close() {
    closed = true;
  }

  private Future<Void> refusal() {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("MQTT sink is closed"));
    }
    if (!uplink.isConnected()) {
      return Future.failedFuture(new UplinkDisconnectedException(
          "MQTT uplink is not connected; the spool delivers this batch again later"));
    }
    return null;
  }

  /**
   * Interaction events are published urgently: ahead of the readings queued on the connection,
   * so that an event is not written behind a telemetry backlog (decision 0383).
   */
  private Future<Void> publish(Observation kind, String topic, byte[] payload) {
    return kind instanceof InteractionEvent
        ? uplink.publishUrgent(topic, payload, options.qos(), false)
        : uplink.publish(topic, payload, options.qos(), false);
  }

  /** The batch's readings by reading topic, in batch order; its events are left out. */
  private Map<String, List<Observation>> readingsByTopic(List<Observation> batch) {
    Map<String, List<Observation>> groups = new LinkedHashMap<>();
    for (Observation o : batch) {
      if (!(o instanceof InteractionEvent)) {
        groups.computeIfAbsent(topicOf(o), t -> new ArrayList<>()).add(o);
      }
    }
    return groups;
  }

  private String topicOf(Observation o) {
    requireInstallation(o.installation());
    boolean event = o instanceof InteractionEvent;
    Map<String, String> cache = event ? eventTopics : readingTopics;
    String topic = cache.get(o.device());
    if (topic == null) {
      topic = topics.device(o.device(), event ? TopicKind.EVENT : TopicKind.READING);
      if (cache.size() >= MAX_CACHED_TOPICS) {
        cache.clear();
      }
      cache.put(o.device(), topic);
    }
    return topic;
  }

  private void requireInstallation(String installation) {
    if (!topics.installation().equals(installation)) {
      throw new IllegalArgumentException("observation of installation '" + installation
          + "' given to the MQTT sink of installation '" + topics.installation() + "'");
    }
  }
}
