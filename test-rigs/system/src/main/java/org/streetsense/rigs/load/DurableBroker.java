package org.streetsense.rigs.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.ServerProcess;

/**
 * A Mosquitto broker that keeps persistent sessions and their queued QoS 1 messages across a
 * graceful restart ({@code persistence true}, unlimited queues), so a subscriber with a
 * persistent session misses nothing while the broker is away: whatever the subscriber lacks at
 * the end is the gateway's doing, not the broker's. Optionally runs inside a network namespace
 * ({@code ip netns exec}) bound to an address there.
 */
public final class DurableBroker extends ServerProcess {

  private final String host;
  private final int port;
  private final String namespace;

  private DurableBroker(String host, int port, String namespace) {
    super("mosquitto-durable", newWorkDir("mosquitto-durable"));
    this.host = host;
    this.port = port;
    this.namespace = namespace;
  }

  /** A broker on 127.0.0.1 and a free port. */
  public static DurableBroker local() {
    return new DurableBroker("127.0.0.1", FreePorts.next(), null);
  }

  /** A broker inside network namespace {@code namespace}, listening on {@code host:port}. */
  public static DurableBroker inNamespace(String namespace, String host, int port) {
    return new DurableBroker(host, port, Objects.requireNonNull(namespace, "namespace"));
  }

  public String url() {
    return "tcp://" + host + ":" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the broker gracefully (it saves its sessions) and starts it on the same port. */
  public synchronized void restart() {
    stop();
    start();
  }

  @Override
  protected List<String> command() throws IOException {
    Path conf = workDir().resolve("mosquitto.conf");
    Files.writeString(conf, String.join("\n",
        "per_listener_settings false",
        "persistence true",
        "persistence_location " + workDir() + "/",
        "autosave_interval 1",
        "max_queued_messages 0",
        "max_queued_bytes 0",
        "max_inflight_messages 100",
        "log_dest stdout",
        "log_type error", "log_type warning", "log_type notice", "log_type information",
        "connection_messages true",
        "user " + System.getProperty("user.name"),
        "allow_anonymous true",
        "listener " + port + " " + host, ""));
    List<String> cmd = new ArrayList<>();
    if (namespace != null) {
      cmd.addAll(List.of("ip", "netns", "exec", namespace));
    }
    cmd.addAll(List.of(executable("mosquitto", "/usr/sbin/mosquitto", "/usr/bin/mosquitto"),
        "-c", conf.toString()));
    return cmd;
  }

  @Override
  protected void awaitReady(Duration timeout) {
    if (namespace == null) {
      awaitTcp(port, timeout);
      return;
    }
    Awaitility.await("broker " + url() + " accepting").atMost(timeout)
        .pollInterval(Duration.ofMillis(100)).pollInSameThread().until(this::accepts);
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
