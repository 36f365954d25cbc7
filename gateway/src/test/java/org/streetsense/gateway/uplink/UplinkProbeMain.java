package org.streetsense.gateway.uplink;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.streetsense.gateway.uplink.contract.GatewayPresence;
import org.streetsense.gateway.uplink.contract.Topics;

/**
 * A minimal gateway process for {@link LastWillIT}: connects an uplink with birth and will and
 * prints {@code ONLINE} once connected, then runs until killed.
 *
 * <p>Arguments: server URI, installation id, client id, boot counter.
 */
public final class UplinkProbeMain {

  private UplinkProbeMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 4) {
      System.err.println("usage: UplinkProbeMain <serverUri> <installation> <clientId> <boot>");
      System.exit(2);
    }
    Topics topics = new Topics(args[1]);
    GatewayPresence presence = new GatewayPresence(topics, Long.parseLong(args[3]), "0.1.0",
        List.of("air-1"), System::currentTimeMillis);
    MqttUplink uplink = MqttUplink.create(Vertx.vertx(), MqttUplinkOptions.builder()
        .serverUri(args[0])
        .clientId(args[2])
        .keepAlive(Duration.ofSeconds(5))
        .reconnectMinDelay(Duration.ofMillis(50))
        .reconnectMaxDelay(Duration.ofMillis(500))
        .birth(presence::birth)
        .will(presence::will)
        .build());
    uplink.onConnectionChange(state -> {
      if (state.connected()) {
        System.out.println("ONLINE");
        System.out.flush();
      }
    });
    uplink.start();
    // Vert.x and the uplink run on daemon threads: keep the process up until it is killed
    new CountDownLatch(1).await();
  }
}
