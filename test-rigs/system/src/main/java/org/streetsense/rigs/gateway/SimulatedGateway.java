package org.streetsense.rigs.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.streetsense.gateway.app.Gateway;
import org.streetsense.gateway.app.GatewayOptions;
import org.streetsense.gateway.app.RigControl;
import org.streetsense.gateway.app.SimulatedInstallation;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.config.SecretException;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.http.TokenSources;

/**
 * A whole gateway running in this JVM on a simulated backend that the test holds, so it can touch,
 * press and unplug devices through {@link #control()} while the gateway publishes to a real broker
 * and serves its HTTP surfaces.
 *
 * <p>The simulated street (random passers-by, touches, presses) is not started unless asked with
 * {@link #startStreet()}: by default only what the test does happens. Close it after use.
 */
public final class SimulatedGateway implements AutoCloseable {

  /** The dashboard token of every rig gateway. */
  public static final String TOKEN = "system-test-token-4b7c1e9d";

  private final Installation installation;
  private final SimulatedBackend backend;
  private final SimulatedInstallation street;
  private final RigControl control;
  private final Gateway gateway;

  private SimulatedGateway(Installation installation) throws IOException, SecretException {
    this.installation = installation;
    this.backend = SimulatedBackend.builder().seed(installation.hardware().seed()).build();
    this.street = SimulatedInstallation.populate(backend, installation);
    this.control = new RigControl(backend, installation);
    this.gateway = Gateway.start(installation, new GatewayOptions(TokenSources.of(TOKEN.toCharArray()),
        backend, "system-test"));
  }

  /** Starts a gateway for an installation; blocks until it runs. */
  public static SimulatedGateway start(Installation installation) throws IOException, SecretException {
    return new SimulatedGateway(installation);
  }

  /** Writes {@code yaml} to {@code dir/name} and loads it as an installation. */
  public static Installation installation(Path dir, String name, String yaml) throws ConfigException {
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return InstallationLoader.load(file);
  }

  /** Plays the seeded street in front of the installation (people touching, passing, pressing). */
  public void startStreet() {
    street.start();
  }

  public Gateway gateway() {
    return gateway;
  }

  public SimulatedBackend backend() {
    return backend;
  }

  /** Pins, touches, unplugging by device id. */
  public RigControl control() {
    return control;
  }

  public Installation installation() {
    return installation;
  }

  /** {@code http://127.0.0.1:<port>} of the gateway's HTTP surfaces. */
  public String httpBase() {
    return "http://127.0.0.1:" + gateway.httpPort();
  }

  /** Stops the street and the gateway, and closes the backend. */
  @Override
  public void close() {
    street.stop();
    gateway.stop();
    backend.close();
  }
}
