package org.streetsense.bench.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.ServerProcess;

/**
 * The Debian Mosquitto every scenario and baseline publishes to, on a free loopback port, in its
 * own directory under {@code target/servers}. It differs from the tests' {@code MosquittoServer}
 * in two settings only, so that the broker's per-subscriber limits (20 in flight, 1000 queued by
 * default) do not throttle or drop what a QoS 1 subscriber is sent during a burst:
 * {@code max_inflight_messages 1000} and {@code max_queued_messages 2000000}. All baselines and
 * gateway scenarios use the same broker settings.
 */
public final class BenchBroker extends ServerProcess {

  private final int port;

  public BenchBroker() {
    super("mosquitto", newWorkDir("bench-mosquitto"));
    this.port = FreePorts.next();
  }

  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:<port>}, as Paho expects it. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  protected List<String> command() throws IOException {
    Path conf = workDir().resolve("mosquitto.conf");
    Files.writeString(conf, String.join("\n",
        "per_listener_settings false",
        "persistence false",
        "log_dest stdout",
        "log_type error",
        "log_type warning",
        "allow_anonymous true",
        "max_inflight_messages 1000",
        "max_queued_messages 2000000",
        "listener " + port + " 127.0.0.1",
        ""));
    return List.of("/usr/sbin/mosquitto", "-c", conf.toString());
  }

  @Override
  protected void awaitReady(Duration timeout) {
    awaitTcp(port, timeout);
  }
}
