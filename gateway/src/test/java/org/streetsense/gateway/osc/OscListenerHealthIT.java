package org.streetsense.gateway.osc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.http.SurfaceFixture;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;

/**
 * A real OSC input whose receive thread dies (its socket fails) and cannot come back (another
 * program took its port), behind the real HTTP surface: {@code /health} answers 503 naming the
 * listener, and 200 again once the listener is restarted.
 */
@Timeout(60)
class OscListenerHealthIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> health(String base) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthNamesTheOscListenerWhileItIsDownAndIsReadyOnceItIsBack() throws Exception {
    SafetyPolicy policy = new SafetyPolicy(List.of(), QuietHours.none(), System::currentTimeMillis,
        System::nanoTime);
    try (SurfaceFixture fx = new SurfaceFixture(b -> { });
        CommandProcessor processor = new CommandProcessor(List.of(), policy, TimeSource.system(),
            CommandProcessorOptions.defaults());
        OscIn in = new OscIn(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            "/streetsense", processor, TimeSource.system(), OscInOptions.defaults()
                .withRestartBackoff(Duration.ofSeconds(3), Duration.ofSeconds(3)))) {
      fx.status.listenersFrom(() -> List.of(in.status()));
      in.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> health(fx.base).statusCode() == 200);

      InetSocketAddress address = in.localAddress();
      in.socketForTests().close();
      DatagramSocket[] taken = new DatagramSocket[1];
      await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
          .ignoreExceptionsInstanceOf(java.net.BindException.class)
          .until(() -> (taken[0] = new DatagramSocket(address)) != null);
      try (DatagramSocket squatter = taken[0]) {
        assertThat(squatter.isBound()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          HttpResponse<String> down = health(fx.base);
          assertThat(down.statusCode()).isEqualTo(503);
          assertThat(down.body()).contains("\"ready\":false").contains("\"listener osc-in down: "
              + "cannot bind " + address + ": Address already in use\"");
        });
      }
      await().atMost(Duration.ofSeconds(15)).until(() -> health(fx.base).statusCode() == 200);
      assertThat(in.stats().restartCount()).isEqualTo(1);
    }
  }
}
