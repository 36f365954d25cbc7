package org.streetsense.gateway.uplink;

import java.nio.charset.StandardCharsets;

/** Validation of MQTT topic names and filters, with messages that name the offending value. */
public final class TopicNames {

  private static final int MAX_BYTES = 65_535;

  private TopicNames() {}

  /** Checks a topic name one can publish to: non-empty, no wildcards, no NUL, at most 64 KiB. */
  public static String requirePublishable(String topic, String what) {
    requireBasic(topic, what);
    if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
      throw new IllegalArgumentException(what + " must not contain the wildcards '+' or '#', was '"
          + topic + "'");
    }
    return topic;
  }

  /** Checks a subscription filter: '+' fills a whole level, '#' only as the last level. */
  public static String requireFilter(String filter, String what) {
    requireBasic(filter, what);
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      boolean wildcard = level.indexOf('+') >= 0 || level.indexOf('#') >= 0;
      if (wildcard && !(level.equals("+") || (level.equals("#") && i == levels.length - 1))) {
        throw new IllegalArgumentException(what + " has a misplaced wildcard in level " + (i + 1)
            + " of '" + filter + "': '+' must fill a level, '#' must be the last level");
      }
    }
    return filter;
  }

  private static void requireBasic(String topic, String what) {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (topic.indexOf('\u0000') >= 0) {
      throw new IllegalArgumentException(what + " must not contain NUL, was '" + topic + "'");
    }
    if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException(what + " is longer than 65535 bytes");
    }
  }
}
