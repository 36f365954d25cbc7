package org.streetsense.gateway.command;

import io.vertx.core.Future;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.uplink.InboundMessage;
import org.streetsense.gateway.uplink.MqttUplink;
import org.streetsense.gateway.uplink.contract.TopicKind;
import org.streetsense.gateway.uplink.contract.Topics;

/**
 * Commands over MQTT: subscribes to {@code <topicPrefix>/<installation>/+/command} (and
 * {@code +/+/command} for channels of PWM chips such as {@code leds/ring}), parses each
 * message with {@link CommandCodec}, submits it to the {@link CommandProcessor}, and publishes
 * every answer on {@code .../<actuator>/result} (QoS 1) and every actuator change retained on
 * {@code .../<actuator>/state}.
 *
 * <p>A retained command (one the broker hands over at subscribe, at every boot) is answered
 * REJECTED with reason {@code retained} and never executed. Every time the uplink (re)connects the
 * state of every actuator is published again (retained), so the broker's retained state matches
 * the outputs even when a change happened while the connection was down or the broker lost it.
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

  /**
   * Subscribes; the future completes when the broker granted the subscription (or is queued).
   * Every later connect republishes the actuators' last states; the states at start are the
   * caller's to announce (once, see {@link CommandProcessor#announce}).
   */
  public Future<Void> start() {
    uplink.onConnectionChange(state -> {
      if (state.status() == org.streetsense.gateway.uplink.ConnectionState.Status.CONNECTED) {
        processor.republishStates(this::publishState);
      }
    });
    // no republish now even when connected: the gateway announces every actuator once right
    // after start (cause startup or reload); a republish here doubled that state
    String oneLevel = topics.allDevices(TopicKind.COMMAND);
    String twoLevels = oneLevel.replace("/+/", "/+/+/");
    return Future.all(uplink.subscribe(oneLevel, 1, this::onMessage),
        uplink.subscribe(twoLevels, 1, this::onMessage)).mapEmpty();
  }

  /** Answers that could not be published. */
  public long unpublishedCount() {
    return unpublished.sum();
  }

  void onMessage(InboundMessage m) {
    if (m.payload().length == 0) {
      // what clearing a retained command (an empty retained message) delivers: nothing to answer
      return;
    }
    String actuator = actuatorOf(m.topic());
    CommandCodec.Parsed parsed = codec.parse(m.payload(), actuator, CommandSource.MQTT, time.wallMillis());
    if (parsed instanceof CommandCodec.Valid v && m.retained()) {
      Command c = v.command();
      processor.stats().rejected(RejectReason.RETAINED);
      publishResult(new CommandResult(c.id(), c.correlationId(), c.actuator(), CommandStatus.REJECTED,
          RejectReason.RETAINED, "retained commands are never executed (the broker would replay them at "
          + "every connect); publish commands without the retain flag, and clear this one with an empty "
          + "retained message", time.wallMillis()));
    } else if (parsed instanceof CommandCodec.Valid v) {
      processor.submit(v.command());
    } else {
      CommandResult r = ((CommandCodec.Invalid) parsed).result();
      processor.stats().rejected(r.reason());
      publishResult(r);
    }
  }

  /** The levels between {@code <prefix>/<installation>/} and {@code /command}. */
  private String actuatorOf(String topic) {
    return topics.between(topic);
  }

  private void publishResult(CommandResult r) {
    String actuator = r.actuator();
    if (!isTopicLevel(actuator) || (fromInternalSource(r) && !processor.hasActuator(actuator))) {
      // an OSC address names any actuator it likes: answers to unknown ones are counted, never
      // turned into topics of the sender's choosing (a command over MQTT chose its topic itself,
      // with the broker's permission, and is answered beside it)
      unpublished.increment();
      return;
    }
    publish(topic(actuator, TopicKind.RESULT), codec.encode(r), false);
  }

  private void publishState(ActuatorState s) {
    publish(topic(s.actuator(), TopicKind.STATE), codec.encode(s), true);
  }

  private void publish(String topic, byte[] payload, boolean retained) {
    uplink.publish(topic, payload, 1, retained).onFailure(e -> {
      unpublished.increment();
      LOG.debug("answer on {} not published: {}", topic, e.getMessage());
    });
  }

  private String topic(String actuator, TopicKind kind) {
    return topic(topics, actuator, kind);
  }

  /**
   * {@code streetsense/v1/<installation>/<actuator>/<kind>}, for example an actuator's retained
   * state topic ({@link TopicKind#STATE}); the actuator id may be two levels (a PCA9685 channel).
   */
  public static String topic(Topics topics, String actuator, TopicKind kind) {
    String base = topics.allDevices(kind);
    return base.replace("/+/", "/" + actuator + "/");
  }

  /** A command the gateway numbered itself (OSC, reflexes): ids in {@link CommandProcessor#RESERVED_ID_PREFIXES}. */
  private static boolean fromInternalSource(CommandResult r) {
    return CommandProcessor.RESERVED_ID_PREFIXES.stream().anyMatch(p -> r.commandId().startsWith(p));
  }

  /** An actuator id usable in a topic: one or two plain levels, no wildcards. */
  private static boolean isTopicLevel(String s) {
    if (s.isEmpty() || s.length() > 64 || s.startsWith("/") || s.endsWith("/") || s.contains("//")
        || s.chars().filter(c -> c == '/').count() > 1) {
      return false;
    }
    return s.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '+' && c != '#');
  }
}
