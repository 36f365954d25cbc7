package org.streetsense.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.streetsense.gateway.uplink.UplinkTestSupport.WAIT;
import static org.streetsense.gateway.uplink.UplinkTestSupport.await;
import static org.streetsense.gateway.uplink.UplinkTestSupport.fastOptions;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.uplink.ConnectionState.Status;
import org.streetsense.harness.MosquittoServer;

/**
 * Paho has leaked threads across reconnects in the past (reconnect timer, "MQTT Con" threads):
 * the uplink must end every session's threads.
 */
@Timeout(300)
class ReconnectThreadsIT {

  private static final int CYCLES = 200;
  private static final String CLIENT_ID = "gw-cycles";

  @Test
  void threadCountStaysFlatAcross200ReconnectCycles() throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Vertx vertx = Vertx.vertx();
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      MqttUplink uplink = MqttUplink.create(vertx, fastOptions(broker.url(), CLIENT_ID)
          .reconnectMinDelay(Duration.ofMillis(5)).reconnectMaxDelay(Duration.ofMillis(20))
          .build());
      AtomicInteger connects = new AtomicInteger();
      uplink.onConnectionChange(s -> {
        if (s.status() == Status.CONNECTED) {
          connects.incrementAndGet();
        }
      });
      await(uplink.start());
      await().atMost(WAIT).until(() -> connects.get() == 1 && uplink.isConnected());
      for (int i = 0; i < 5; i++) {
        cycle(broker, uplink, connects);
      }
      await().atMost(WAIT).until(() -> mqttThreads().size() <= 4);
      int baseline = threads.getThreadCount();
      List<String> baselineMqtt = mqttThreads();

      for (int i = 0; i < CYCLES; i++) {
        cycle(broker, uplink, connects);
      }
      assertThat(connects.get()).isGreaterThanOrEqualTo(CYCLES + 6);

      await("threads back to the baseline of " + baseline).atMost(WAIT)
          .untilAsserted(() -> {
            assertThat(mqttThreads()).hasSameSizeAs(baselineMqtt);
            assertThat(threads.getThreadCount()).isLessThanOrEqualTo(baseline + 2);
          });
      await(uplink.stop());
      await("no Paho or control thread after stop").atMost(WAIT)
          .until(() -> mqttThreads().isEmpty() && Thread.getAllStackTraces().keySet().stream()
              .noneMatch(t -> t.getName().equals("streetsense-mqtt-" + CLIENT_ID)));
    } finally {
      await(vertx.close());
    }
  }

  /** Takes the uplink's session over with a raw CONNECT, then waits for it to reconnect. */
  private static void cycle(MosquittoServer broker, MqttUplink uplink, AtomicInteger connects)
      throws IOException {
    int before = connects.get();
    takeOverSession(broker.port());
    await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
        .until(() -> connects.get() > before && uplink.isConnected());
  }

  /** An MQTT 3.1.1 CONNECT with the uplink's client id; the broker drops the older session. */
  private static void takeOverSession(int port) throws IOException {
    byte[] id = CLIENT_ID.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60});
    body.write(id.length >> 8);
    body.write(id.length & 0xFF);
    body.write(id);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(0x10);
      socket.getOutputStream().write(body.size());
      body.writeTo(socket.getOutputStream());
      socket.getOutputStream().flush();
      byte[] connack = new byte[4];
      new DataInputStream(socket.getInputStream()).readFully(connack);
      assertThat(connack[0]).as("CONNACK").isEqualTo((byte) 0x20);
      assertThat(connack[3]).as("CONNACK return code").isZero();
    }
  }

  /** Paho's threads of this test's client ("MQTT Rec: id", ...), not those of other tests in the JVM. */
  private static List<String> mqttThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("MQTT") && n.endsWith(": " + CLIENT_ID))
        .sorted()
        .toList();
  }
}
