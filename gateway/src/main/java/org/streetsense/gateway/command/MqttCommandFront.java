package org.streetsense.gateway.command;

import io.vertx.core.Future;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.hardware.TimeSource;
import org.streetsense.gateway.uplink.InboundMessage;
import org.streetsense.gateway.uplink.MqttUplink;
import org.streetsense.gateway.uplink.contract.TopicKind;
import org.streetsense.gateway.uplink.contract.Topics;

/**
 * Commands over MQTT: subscribes to {@code streetsense/v1/<installation>/+/command}, parses each
 * message with {@link CommandCodec}, submits it to the {@link CommandProcessor}, and publishes
 * every answer on {@code .../<actuator>/result} (QoS 1) and every actuator change retained on
 * {@code .../<actuator>/state}.
 *
 * <p>Answers are published asynchronously and never from the MQTT client's callback thread (the
 * uplink hands messages to a Vert.x context), so a flood of commands cannot deadlock the client.
 * Answers that cannot be published (broker gone) are dropped and counted: a command answered
 * while offline is stale to its sender anyway.
 */
public final class MqttCommandFront {

  private static final Logger LOG = LoggerFactory.getLogger(MqttCommandFront.class);

  private final MqttUplink uplink;
  private final Topics topics;
  private final CommandProcessor processor;
  private final TimeSource time;
  private final CommandCodec codec = new CommandCodec();
  private final LongAdder unpublished = new LongAdder();

  public MqttCommandFront(MqttUplink uplink, Topics topics, CommandProcessor processor, TimeSource time) {
    this.uplink = Objects.requireNonNull(uplink, "uplink");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.processor = Objects.requireNonNull(processor, "processor");
    this.time = Objects.requireNonNull(time, "time");
    processor.onResult(this::publishResult);
    processor.onState(this::publishState);
  }

  /** Subscribes; the future completes when the broker granted the subscription (or is queued). */
  public Future<Void> start() {
    return uplink.subscribe(topics.allDevices(TopicKind.COMMAND), 1, this::onMessage);
  }

  /** Answers that could not be published. */
  public long unpublishedCount() {
    return unpublished.sum();
  }

  void onMessage(InboundMessage m) {
    String actuator = actuatorOf(m.topic());
    CommandCodec.Parsed parsed = codec.parse(m.payload(), actuator, CommandSource.MQTT, time.wallMillis());
    if (parsed instanceof CommandCodec.Valid v) {
      processor.submit(v.command());
    } else {
      CommandResult r = ((CommandCodec.Invalid) parsed).result();
      processor.stats().rejected(r.reason());
      publishResult(r);
    }
  }

  private String actuatorOf(String topic) {
    String[] levels = topic.split("/");
    return levels.length >= 2 ? levels[levels.length - 2] : "";
  }

  private void publishResult(CommandResult r) {
    String actuator = r.actuator();
    if (!isTopicLevel(actuator)) {
      unpublished.increment();
      return;
    }
    publish(topics.device(actuator, TopicKind.RESULT), codec.encode(r), false);
  }

  private void publishState(ActuatorState s) {
    publish(topics.device(s.actuator(), TopicKind.STATE), codec.encode(s), true);
  }

  private void publish(String topic, byte[] payload, boolean retained) {
    uplink.publish(topic, payload, 1, retained).onFailure(e -> {
      unpublished.increment();
      LOG.debug("answer on {} not published: {}", topic, e.getMessage());
    });
  }

  private static boolean isTopicLevel(String s) {
    return !s.isEmpty() && s.length() <= 64 && s.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '+' && c != '#' && c != '/');
  }
}
