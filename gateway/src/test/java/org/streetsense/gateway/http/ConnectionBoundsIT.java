package org.streetsense.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection bounds of the HTTP surface with small limits, over raw sockets: the per-address
 * share, an idle connection making room for a new one, busy connections kept (the new one is
 * refused), and the request deadline. The flood versions run against the jar in
 * {@code HttpUnderAttackIT}.
 */
@Timeout(60)
class ConnectionBoundsIT {

  private static final String HEALTH = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
  private static final String PARTIAL_POST = "POST /dash/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
      + "application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ntoken=";
  private static final String STREAM = "GET /dash/api/stream HTTP/1.1\r\nHost: x\r\n"
      + "Authorization: Bearer " + SurfaceFixture.TOKEN + "\r\n\r\n";

  @Test
  void oneAddressGetsAtMostItsShare() throws Exception {
    try (SurfaceFixture fx = new SurfaceFixture(b -> b.maxConnectionsPerAddress(2));
        Sockets s = new Sockets()) {
      int port = port(fx);
      Socket a = s.open("127.0.0.1", port);
      Socket b = s.open("127.0.0.1", port);
      Socket third = s.open("127.0.0.1", port);
      assertThat(closedByServer(third, Duration.ofSeconds(5))).as("third from one address").isTrue();
      assertThat(status(s.open("127.0.0.2", port), HEALTH)).as("another address").isEqualTo(200);
      assertThat(status(a, HEALTH)).isEqualTo(200);
      assertThat(status(b, HEALTH)).isEqualTo(200);
      assertThat(metric(fx, "streetsense_http_connections_refused_total")).isEqualTo(1);
    }
  }

  @Test
  void theConnectionWaitingLongestMakesRoomWhenAllAreOpen() throws Exception {
    try (SurfaceFixture fx = new SurfaceFixture(b -> b.maxConnections(3)
        .requestTimeout(Duration.ofSeconds(30)));
        Sockets s = new Sockets()) {
      int port = port(fx);
      Socket oldest = s.open("127.0.0.1", port);
      await().until(() -> metric(fx, "streetsense_http_connections_open") == 1);
      Socket second = s.open("127.0.0.2", port);
      Socket third = s.open("127.0.0.3", port);
      await().until(() -> metric(fx, "streetsense_http_connections_open") == 3);
      assertThat(status(s.open("127.0.0.4", port), HEALTH)).as("a newcomer is served")
          .isEqualTo(200);
      assertThat(closedByServer(oldest, Duration.ofSeconds(5))).as("the oldest idle one").isTrue();
      assertThat(status(second, HEALTH)).isEqualTo(200);
      assertThat(status(third, HEALTH)).isEqualTo(200);
      assertThat(metric(fx, "streetsense_http_connections_evicted_total")).isEqualTo(1);
    }
  }

  @Test
  void whenEveryConnectionIsBusyANewOneIsRefused() throws Exception {
    try (SurfaceFixture fx = new SurfaceFixture(b -> b.maxConnections(2)
        .requestTimeout(Duration.ofSeconds(30)));
        Sockets s = new Sockets()) {
      int port = port(fx);
      Socket a = s.open("127.0.0.1", port);
      Socket b = s.open("127.0.0.2", port);
      assertThat(status(a, STREAM)).as("a dashboard stream keeps a busy").isEqualTo(200);
      assertThat(status(b, STREAM)).isEqualTo(200);
      Socket c = s.open("127.0.0.3", port);
      assertThat(closedByServer(c, Duration.ofSeconds(5))).as("no room").isTrue();
      assertThat(metric(fx, "streetsense_http_connections_refused_total")).isEqualTo(1);
      assertThat(metric(fx, "streetsense_http_connections_evicted_total")).isZero();
    }
  }

  @Test
  void aRequestThatMissesItsDeadlineIsClosedAndCounted() throws Exception {
    try (SurfaceFixture fx = new SurfaceFixture(b -> b.requestTimeout(Duration.ofMillis(300)));
        Sockets s = new Sockets()) {
      int port = port(fx);
      Socket head = s.open("127.0.0.1", port);
      send(head, "GET /health/live HTTP/1.1\r\nHost: x\r\n");
      Socket body = s.open("127.0.0.2", port);
      send(body, PARTIAL_POST);
      assertThat(closedByServer(head, Duration.ofSeconds(10))).as("half a head").isTrue();
      assertThat(closedByServer(body, Duration.ofSeconds(10))).as("half a body").isTrue();
      await().until(() -> metric(fx, "streetsense_http_connections_timed_out_total") == 2);
      Socket keptAlive = s.open("127.0.0.3", port);
      assertThat(status(keptAlive, HEALTH)).isEqualTo(200);
      assertThat(closedByServer(keptAlive, Duration.ofSeconds(10))).as("idle keep-alive").isTrue();
      assertThat(metric(fx, "streetsense_http_connections_timed_out_total"))
          .as("an idle keep-alive connection is closed quietly").isEqualTo(2);
    }
  }

  private static int port(SurfaceFixture fx) {
    return URI.create(fx.base).getPort();
  }

  private static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  /** Sends one keep-alive request and reads the status line and headers of its answer. */
  private static int status(Socket s, String request) throws IOException {
    send(s, request);
    s.setSoTimeout(5_000);
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int c = in.read();
      if (c < 0) {
        return -1;
      }
      head.append((char) c);
    }
    Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
    if (length.find()) {
      in.readNBytes(Integer.parseInt(length.group(1)));
    }
    return Integer.parseInt(head.substring(9, 12));
  }

  private static boolean closedByServer(Socket s, Duration within) {
    try {
      s.setSoTimeout((int) within.toMillis());
      byte[] buf = new byte[1024];
      while (s.getInputStream().read(buf) >= 0) {
        // skip
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static double metric(SurfaceFixture fx, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} ([0-9.eE+-]+)$")
        .matcher(fx.metrics.scrape());
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  /** Sockets from chosen loopback source addresses, all closed at the end. */
  private static final class Sockets implements AutoCloseable {
    private final List<Socket> open = new ArrayList<>();

    Socket open(String source, int port) throws IOException {
      Socket s = new Socket();
      open.add(s);
      s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      return s;
    }

    @Override
    public void close() throws IOException {
      for (Socket s : open) {
        s.close();
      }
    }
  }
}
