package org.streetsense.gateway.osc;

import java.util.Locale;

/**
 * OSC address conventions. One value per address, which suits TouchDesigner CHOPs and Max/Pd
 * routing: readings at {@code <prefix>/<device>/<channel>}, events at
 * {@code <prefix>/<device>/<channel>/<type>}; incoming commands at
 * {@code <prefix>/<actuator>/<op>}.
 */
final class OscAddresses {

  private OscAddresses() {}

  static String reading(String prefix, String device, String channel) {
    return prefix + "/" + clean(device) + "/" + clean(channel);
  }

  static String event(String prefix, String device, String channel, String type) {
    return reading(prefix, device, channel) + "/" + clean(type);
  }

  /** OSC address parts may not contain spaces, '#', '*', ',', '/', '?', '[', ']', '{', '}'. */
  private static String clean(String part) {
    return part.toLowerCase(Locale.ROOT).replaceAll("[\\s#*,/?\\[\\]{}]", "_");
  }
}
