package org.streetsense.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.streetsense.harness.FreePorts;

/**
 * The city broker of {@code deploy/mosquitto/city-broker.conf} with {@code city-acl}, on TLS
 * with a throwaway CA, and a password file holding two gateways and the three backend accounts.
 */
final class CityBrokerFixture implements AutoCloseable {

  static final Map<String, String> PASSWORDS = Map.of(
      "gw-a", "secret-a",
      "gw-b", "secret-b",
      "telegraf", "secret-telegraf",
      "commander", "secret-commander",
      "configurator", "secret-configurator");

  private final TestCa ca;
  private final RecipeBroker broker;

  private CityBrokerFixture(TestCa ca, RecipeBroker broker) {
    this.ca = ca;
    this.broker = broker;
  }

  static CityBrokerFixture start() {
    Path dir = RecipeBroker.newDir("city-broker");
    try {
      Path certs = Files.createDirectories(dir.resolve("certs"));
      Path data = Files.createDirectories(dir.resolve("data"));
      TestCa ca = TestCa.create(certs);
      Path passwd = dir.resolve("passwd");
      for (Map.Entry<String, String> user : PASSWORDS.entrySet()) {
        mosquittoPasswd(passwd, user.getKey(), user.getValue());
      }
      Path acl = Files.copy(RepoFiles.deploy("mosquitto/city-acl"), dir.resolve("city-acl"),
          StandardCopyOption.REPLACE_EXISTING);
      int port = FreePorts.next();
      Path config = RecipeConfig.of("mosquitto/city-broker.conf")
          .prepend("user root")
          .set("listener", Integer.toString(port))
          .set("cafile", ca.caCert().toString())
          .set("certfile", ca.serverCert().toString())
          .set("keyfile", ca.serverKey().toString())
          .set("password_file", passwd.toString())
          .set("acl_file", acl.toString())
          .set("persistence_location", data + "/")
          .writeTo(dir.resolve("city-broker.conf"));
      RecipeBroker broker = new RecipeBroker("city-mosquitto", dir, config, port);
      broker.start();
      return new CityBrokerFixture(ca, broker);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RecipeBroker broker() {
    return broker;
  }

  TestCa ca() {
    return ca;
  }

  String uri() {
    return "ssl://localhost:" + broker.port();
  }

  SSLSocketFactory sockets() {
    return ca.socketFactory();
  }

  /** Connects to the city broker as {@code user} with its password from {@link #PASSWORDS}. */
  PahoClients.Connected connect(String clientId, String user, boolean cleanSession)
      throws org.eclipse.paho.client.mqttv3.MqttException {
    return PahoClients.connect(uri(), clientId, user, PASSWORDS.get(user), sockets(),
        cleanSession);
  }

  @Override
  public void close() {
    broker.close();
  }

  private static void mosquittoPasswd(Path file, String user, String password) {
    var command = Files.exists(file)
        ? java.util.List.of("mosquitto_passwd", "-b", file.toString(), user, password)
        : java.util.List.of("mosquitto_passwd", "-c", "-b", file.toString(), user, password);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("mosquitto_passwd failed for " + user + ": " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run mosquitto_passwd (Debian package 'mosquitto')", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
