package org.streetsense.gateway.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.HttpSettings;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.config.MqttSettings;
import org.streetsense.gateway.config.UplinkSettings;

/**
 * The demo installation (classpath {@code installations/demo.yaml}) pointed at a broker on
 * localhost, with its spool under {@code dataDir} and its HTTP server on loopback.
 */
public final class DemoInstallation {

  private DemoInstallation() {}

  public static Installation prepare(int mqttPort, int httpPort, Path dataDir) throws ConfigException {
    return local(InstallationLoader.loadResource(InstallationLoader.DEMO_RESOURCE), mqttPort, httpPort,
        dataDir);
  }

  /**
   * {@code inst} pointed at a plain broker on localhost {@code mqttPort} (no TLS, no credentials,
   * its client id and topic prefix kept), its spool under {@code dataDir} and its HTTP server on
   * loopback {@code httpPort}: for the demo and for rehearsing any installation file.
   */
  public static Installation local(Installation demo, int mqttPort, int httpPort, Path dataDir) {
    MqttSettings mqtt = demo.uplink().mqtt();
    MqttSettings local = new MqttSettings(URI.create("tcp://127.0.0.1:" + mqttPort), mqtt.clientId(),
        Optional.empty(), Optional.empty(), Optional.empty(), mqtt.keepAlive(), mqtt.qos(), mqtt.readingsPerMessage(),
        mqtt.topicPrefix());
    return demo.withUplink(new UplinkSettings(local))
        .withSpool(demo.spool().withDir(dataDir.resolve("spool")))
        .withHttp(new HttpSettings("127.0.0.1", httpPort, Optional.empty(), demo.http().publicRateLimit(),
            demo.http().maxConnections()));
  }
}
