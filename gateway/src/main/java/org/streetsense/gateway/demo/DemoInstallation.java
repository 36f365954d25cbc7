package org.streetsense.gateway.demo;

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
    Installation demo = InstallationLoader.loadResource(InstallationLoader.DEMO_RESOURCE);
    MqttSettings mqtt = demo.uplink().mqtt();
    MqttSettings local = new MqttSettings(URI.create("tcp://127.0.0.1:" + mqttPort), mqtt.clientId(),
        Optional.empty(), Optional.empty(), Optional.empty(), mqtt.keepAlive(), mqtt.qos(), mqtt.topicPrefix());
    return demo.withUplink(new UplinkSettings(local))
        .withSpool(demo.spool().withDir(dataDir.resolve("spool")))
        .withHttp(new HttpSettings("127.0.0.1", httpPort, Optional.empty(), demo.http().publicRateLimit(),
            demo.http().maxConnections()));
  }
}
