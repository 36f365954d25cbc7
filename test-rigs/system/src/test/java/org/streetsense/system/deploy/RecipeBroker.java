package org.streetsense.system.deploy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.streetsense.harness.ServerProcess;

/**
 * A real Mosquitto started from a recipe-derived config file on a fixed port, so it can be
 * stopped and started again on the same address (the bridge keeps dialling it).
 */
final class RecipeBroker extends ServerProcess {

  private final Path config;
  private final int port;

  RecipeBroker(String name, Path workDir, Path config, int port) {
    super(name, workDir);
    this.config = config;
    this.port = port;
  }

  static Path newDir(String prefix) {
    return newWorkDir(prefix);
  }

  int port() {
    return port;
  }

  @Override
  protected List<String> command() {
    String mosquitto = executable("mosquitto", "/usr/sbin/mosquitto", "/usr/bin/mosquitto");
    return List.of(mosquitto, "-c", config.toString());
  }

  /**
   * Polls in the starting thread: {@link ServerProcess#start()} holds the object's lock, which
   * {@link #isRunning()} needs, so a poll from Awaitility's own thread would wait for the lock
   * until the timeout.
   */
  @Override
  protected void awaitReady(Duration timeout) {
    await(name() + " listening on " + port)
        .atMost(timeout)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(50))
        .until(() -> {
          if (!isRunning()) {
            throw new IllegalStateException(name() + " exited");
          }
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
          } catch (IOException e) {
            return false;
          }
        });
  }
}
