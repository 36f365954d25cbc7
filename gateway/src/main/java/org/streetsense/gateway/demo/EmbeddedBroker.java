package org.streetsense.gateway.demo;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT broker inside the gateway process, for the {@code demo} command and rehearsals without
 * any infrastructure. Moquette (MQTT 3.1.1), bound to loopback only, anonymous, in memory.
 * Production installations point at an external broker instead.
 *
 * <p>{@link #start()} blocks until the port is bound and fails with an {@link IOException} naming
 * the port when it is taken.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  /** Large enough for batched payloads (a JSON array of a few hundred readings). */
  private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  private final String host;
  private final int port;
  private Server server;

  /**
   * @param host interface to bind, normally {@code 127.0.0.1}
   * @param port TCP port, 1..65535
   */
  public EmbeddedBroker(String host, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    this.host = host;
    this.port = port;
  }

  public synchronized void start() throws IOException {
    if (server != null) {
      return;
    }
    Properties props = new Properties();
    props.setProperty(BrokerConstants.HOST_PROPERTY_NAME, host);
    props.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
    props.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
    props.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
    // mosquitto_sub and other clients may connect with an empty id and clean session
    props.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
    props.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
    props.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
    props.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
    Server s = new Server();
    try {
      s.startServer(new MemoryConfig(props), List.of());
    } catch (IOException | RuntimeException e) {
      s.stopServer();
      throw new IOException("cannot start the embedded MQTT broker on " + host + ":" + port
          + " (is the port in use? choose another with --mqtt-port)", e);
    }
    server = s;
    LOG.info("embedded MQTT broker listening on {}:{}", host, port);
  }

  public int port() {
    return port;
  }

  /** {@code tcp://host:port}, the URL gateways and subscribers use. */
  public String url() {
    return "tcp://" + host + ":" + port;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stopServer();
      server = null;
    }
  }
}
