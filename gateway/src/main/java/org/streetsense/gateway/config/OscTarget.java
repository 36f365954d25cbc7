package org.streetsense.gateway.config;

import java.util.Objects;

/**
 * A UDP destination for OSC messages (TouchDesigner, Max, Pure Data...).
 *
 * @param host host name or address
 * @param port UDP port, 1..65535
 * @param normalise send values scaled to 0..1 using each channel's range (default false)
 * @param bundle send one bundle per snapshot instead of one message per value (default false)
 */
public record OscTarget(String host, int port, boolean normalise, boolean bundle) {

  public OscTarget {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
  }
}
