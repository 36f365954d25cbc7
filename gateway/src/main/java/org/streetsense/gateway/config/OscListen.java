package org.streetsense.gateway.config;

import java.util.Objects;

/**
 * Where OSC commands are received ({@code osc.listen}).
 *
 * @param host local address to bind (default 127.0.0.1; use 0.0.0.0 only on a trusted network)
 * @param port UDP port, 1..65535 (default 9000)
 */
public record OscListen(String host, int port) {

  public OscListen {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
  }
}
