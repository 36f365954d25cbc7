package org.streetsense.gateway.app;

import java.util.LinkedHashSet;
import java.util.Set;
import org.streetsense.gateway.command.MqttCommandFront;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.dmx.FixtureOptions;
import org.streetsense.gateway.uplink.contract.TopicKind;
import org.streetsense.gateway.uplink.contract.Topics;

/** The retained actuator state topics of a running gateway, or those a file may have had. */
final class StateTopics {

  private StateTopics() {}

  /** The state topics of the actuators {@code g} drives; empty for none or no MQTT uplink. */
  static Set<String> of(Gateway g) {
    Set<String> topics = new LinkedHashSet<>();
    if (g != null && g.topics() != null) {
      for (String id : g.actuatorIds()) {
        topics.add(MqttCommandFront.topic(g.topics(), id, TopicKind.STATE));
      }
    }
    return topics;
  }

  /**
   * {@code <prefix>/<installation>/}, under which every topic of {@code g}'s installation lies;
   * null for none or no MQTT uplink.
   */
  static String base(Gateway g) {
    return g == null || g.topics() == null ? null : g.topics().base();
  }

  /**
   * Every state topic a gateway running {@code inst} may have published, a superset: each
   * output device by its id and by each of its channels, and each DMX fixture's actuators. For
   * clearing what an earlier run left behind when no record of it is usable: a topic in the set
   * that was never published costs one empty message, and the topics of the running gateway are
   * never cleared ({@link #of}).
   */
  static Set<String> possible(Installation inst) {
    Topics topics = new Topics(inst.uplink().mqtt().topicPrefix(), inst.id());
    Set<String> ids = new LinkedHashSet<>();
    for (DeviceSpec d : inst.devices()) {
      if (d.driver().isOutput()) {
        ids.add(d.id());
        for (ChannelSpec c : d.channels()) {
          ids.add(d.id() + "/" + c.name());
        }
      }
    }
    for (FixtureOptions f : inst.dmx().fixtures()) {
      ids.addAll(f.actuatorIds());
    }
    Set<String> out = new LinkedHashSet<>();
    for (String id : ids) {
      out.add(MqttCommandFront.topic(topics, id, TopicKind.STATE));
    }
    return out;
  }
}
