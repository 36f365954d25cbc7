package org.streetsense.gateway.osc;

import java.util.Objects;

/**
 * Where readings and events go by OSC (TouchDesigner, Max, Pure Data, openFrameworks).
 * Built with {@link #builder(String, int)}.
 *
 * @param host host name or address of the artist's machine
 * @param port UDP port it listens on
 * @param normalise send values scaled to 0..1 by the channel's declared range instead of units
 * @param bundle also send a snapshot bundle of every channel's latest value periodically
 * @param prefix address prefix, {@code /streetsense} by default
 */
public record OscTarget(String host, int port, boolean normalise, boolean bundle, String prefix) {

  public OscTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(prefix, "prefix");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("OSC target port must be 1..65535, was " + port);
    }
    if (!prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException("OSC prefix must start with '/' and not end with it, was '" + prefix + "'");
    }
  }

  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  public static final class Builder {
    private final String host;
    private final int port;
    private boolean normalise;
    private boolean bundle;
    private String prefix = "/streetsense";

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    public Builder normalise(boolean on) {
      this.normalise = on;
      return this;
    }

    public Builder bundle(boolean on) {
      this.bundle = on;
      return this;
    }

    public Builder prefix(String p) {
      this.prefix = p;
      return this;
    }

    public OscTarget build() {
      return new OscTarget(host, port, normalise, bundle, prefix);
    }
  }
}
