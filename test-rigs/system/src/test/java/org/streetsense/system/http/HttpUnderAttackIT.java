package org.streetsense.system.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.rigs.http.IdleFlood;
import org.streetsense.rigs.http.RawHttp;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * Issue 13, items 3 and 4 (HTTP): the gateway jar run as the systemd unit runs it (64 MB heap,
 * SerialGC, exit on OutOfMemoryError) with an installation file that declares {@code
 * http.publicRateLimit: 5/min} and {@code http.maxConnections: 64}, attacked over raw sockets
 * from many loopback source addresses (127.0.0.0/8). One process for every check.
 */
@Timeout(300)
class HttpUnderAttackIT {

  private static final String TOKEN = "attack-test-token-0123456789abcdef";

  private static MosquittoServer broker;
  private static GatewayProcess gateway;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    broker = MosquittoServer.anonymous();
    broker.start();
    Path dir = Files.createTempDirectory("streetsense-http-attack-");
    Path token = dir.resolve("token");
    Files.writeString(token, TOKEN + "\n");
    port = FreePorts.next();
    Path config = dir.resolve("http-attack.yaml");
    Files.writeString(config, """
        installation: http-attack
        site: HTTP attack bench
        languages: [sk, en]
        hardware: {backend: simulated, seed: 7}
        devices:
          - id: weather
            driver: bme280
            address: 0x76
            period: 1s
            channels:
              temperature: {unit: degC, public: true}
        uplink:
          mqtt:
            url: %s
        spool:
          dir: %s
        http:
          host: 127.0.0.1
          port: %d
          token: {file: %s}
          publicRateLimit: 5/min
          maxConnections: 64
        """.formatted(broker.url(), dir.resolve("spool"), port, token));
    gateway = GatewayProcess.startAsUnit("run", "--config", config.toString());
    await("the gateway answers /health/live").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .until(() -> RawHttp.get("127.0.0.1", port, "/health/live").status() == 200);
  }

  @AfterAll
  static void stop() {
    try {
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  @Test
  void idleConnectionFloodsLeaveTheProcessServingWithinItsDeclaredConnectionCap() {
    floodThenServe("from one address", i -> "127.1.0.1");
    floodThenServe("from 10,000 addresses", i -> "127.1." + (1 + i / 250) + "." + (1 + i % 250));
    String metrics = RawHttp.get("127.0.0.1", port, "/metrics").body();
    assertThat(metric(metrics, "streetsense_http_connections_refused_total"))
        .as("beyond 32 per address").isGreaterThan(9_000);
    assertThat(metric(metrics, "streetsense_http_connections_evicted_total"))
        .as("idle connections made room").isGreaterThan(9_000);
    assertThat(gateway.isAlive()).isTrue();
  }

  /** 10,000 idle connections, then real requests while the flood still holds its sockets. */
  private static void floodThenServe(String what, IntFunction<String> source) {
    try (IdleFlood flood = IdleFlood.open(port, 10_000, source, Duration.ofSeconds(60))) {
      assertThat(flood.opened()).as("idle connections %s", what).isGreaterThanOrEqualTo(8_000);
      assertThat(gateway.isAlive()).as("process alive after idle connections %s; stderr: %s",
          what, gateway.stderr()).isTrue();
      RawHttp.Response health = RawHttp.get("127.0.0.2", port, "/health");
      assertThat(health.status()).as("/health %s", what).isIn(200, 503);
      assertThat(health.body()).contains("\"live\":true");
      RawHttp.Response current = RawHttp.get("127.0.0.3", port, "/public/api/current");
      assertThat(current.status()).as("a public request %s", what).isEqualTo(200);
      assertThat(current.body()).contains("\"channels\"");
      String metrics = RawHttp.get("127.0.0.1", port, "/metrics").body();
      assertThat(metric(metrics, "streetsense_http_connections_open"))
          .as("http.maxConnections: 64 from the installation file").isLessThanOrEqualTo(64);
    }
  }

  @Test
  void halfSentRequestsAreClosedByTheServer() throws IOException {
    long before = Files.size(gateway.stdoutFile());
    try (Socket head = RawHttp.connect("127.7.0.1", port, Duration.ofSeconds(25));
        Socket body = RawHttp.connect("127.7.0.2", port, Duration.ofSeconds(25))) {
      head.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      body.getOutputStream().write(("POST /dash/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
          + "application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ntoken=abc")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(RawHttp.closedByServer(head, Duration.ofSeconds(25)))
          .as("a request head never finished").isTrue();
      assertThat(RawHttp.closedByServer(body, Duration.ofSeconds(25)))
          .as("a request body never finished").isTrue();
    }
    String metrics = RawHttp.get("127.0.0.1", port, "/metrics").body();
    assertThat(metric(metrics, "streetsense_http_connections_timed_out_total"))
        .isGreaterThanOrEqualTo(2);
    String log = logSince(before);
    assertThat(log).as("the server closed them, not the client")
        .doesNotContain("connection closed by the client");
    Matcher timedOut = Pattern.compile("connection timed out: [^\n]*").matcher(log);
    while (timedOut.find()) {
      assertThat(timedOut.group()).as("names the address").containsPattern(" from 127\\.");
    }
  }

  @Test
  void wrongTokensFromTenThousandAddressesLockNobodyElseOut() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger unauthorized = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = thread; i < 10_000; i += 8) {
            String source = "127.2." + (i / 250) + "." + (1 + i % 250);
            if (RawHttp.postForm(source, port, "/dash/login", "token=wrong").status() == 401) {
              unauthorized.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(unauthorized).as("each address's single wrong token is a plain 401").hasValue(10_000);
    RawHttp.Response right = RawHttp.postForm("127.3.0.1", port, "/dash/login", "token=" + TOKEN);
    assertThat(right.status()).as("the right token logs in at once").isEqualTo(303);
    assertThat(right.header("Set-Cookie")).startsWith("streetsense_session=");
  }

  @Test
  void retryAfterAnnouncesTheRealLockout() {
    String source = "127.4.0.1";
    RawHttp.Response r;
    int failures = 0;
    do {
      r = RawHttp.postForm(source, port, "/dash/login", "token=wrong");
      failures++;
    } while (r.status() == 401 && failures < 10);
    assertThat(r.status()).as("locked out after the free attempts").isEqualTo(429);
    long retryAfter = Long.parseLong(r.header("Retry-After"));
    RawHttp.Response early = RawHttp.postForm(source, port, "/dash/login", "token=" + TOKEN);
    assertThat(early.status()).as("even the right token waits out the lock-out").isEqualTo(429);
    assertThat(Long.parseLong(early.header("Retry-After"))).isBetween(1L, retryAfter);
    long announced = Long.parseLong(early.header("Retry-After"));
    AtomicInteger attempts = new AtomicInteger();
    await("the right token after Retry-After").pollDelay(Duration.ofSeconds(announced))
        .pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(announced + 10))
        .until(() -> {
          attempts.incrementAndGet();
          return RawHttp.postForm(source, port, "/dash/login", "token=" + TOKEN).status() == 303;
        });
    assertThat(attempts).as("the first attempt after Retry-After gets in").hasValue(1);
  }

  @Test
  void oversizedOrAbandonedLoginsLeaveNoStackTraceAndLittleLog() throws IOException {
    long before = Files.size(gateway.stdoutFile());
    for (int i = 0; i < 50; i++) {
      try (Socket abandoned = RawHttp.connect("127.8.2." + (1 + i), port, Duration.ofSeconds(5))) {
        abandoned.getOutputStream().write(("POST /dash/login HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"
            + "token=abc").getBytes(StandardCharsets.US_ASCII));
      }
    }
    String chunk = "token=" + "a".repeat(20_000);
    byte[] request = ("POST /dash/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 300; i++) {
      RawHttp.Response r = RawHttp.exchange("127.8." + (i / 250) + "." + (1 + i % 250), port,
          request);
      assertThat(r.status()).as("request %d", i).isEqualTo(413);
      assertThat(r.body()).isEqualTo(
          "{\"error\":\"the request body is too large (at most 4096 bytes)\"}");
    }
    byte[] log = Files.readAllBytes(gateway.stdoutFile());
    String written = new String(log, (int) before, log.length - (int) before,
        StandardCharsets.UTF_8);
    assertThat(log.length - before).as("log growth for 300 oversized and 50 abandoned logins: %s",
        written)
        .isLessThan(4_096);
    assertThat(written).doesNotContain("\tat ", "Exception");
  }

  @Test
  void extremeYearsAreBadRequestsNamingTheParameter() {
    assertBadTime("from=-999999999-01-01T00:00:00Z", "from");
    assertBadTime("to=%2B999999999-12-31T23:59:59Z", "to");
    assertBadTime("from=999999999999999", "from");
  }

  @Test
  void publicRateLimitFromTheFileIsEnforcedAndEveryAnswerCarriesCors() {
    String source = "127.5.0.2";
    for (int i = 0; i < 5; i++) {
      RawHttp.Response ok = RawHttp.get(source, port, "/public/api/current");
      assertThat(ok.status()).as("request %d of 5/min", i + 1).isEqualTo(200);
      assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }
    RawHttp.Response limited = RawHttp.get(source, port, "/public/api/current");
    assertThat(limited.status()).as("the sixth within a minute").isEqualTo(429);
    assertThat(limited.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 12L);
  }

  @Test
  void malformedPercentEncodingIsABadRequestNamingTheParameterWithoutAStackTrace()
      throws IOException {
    long before = Files.size(gateway.stdoutFile());
    RawHttp.Response history = RawHttp.get("127.11.0.1", port,
        "/public/api/history.json?channel=%zz");
    assertThat(history.status()).isEqualTo(400);
    assertThat(history.body()).isEqualTo("{\"error\":\"malformed URL encoding in parameter "
        + "'channel' (a '%' must be followed by two hexadecimal digits)\",\"parameter\":\"channel\"}");
    assertThat(history.header("Access-Control-Allow-Origin")).isEqualTo("*");
    RawHttp.Response aggregates = RawHttp.get("127.11.0.2", port,
        "/public/api/aggregates?window=%zz");
    assertThat(aggregates.status()).isEqualTo(400);
    assertThat(aggregates.body()).contains("\"parameter\":\"window\"");
    assertThat(aggregates.header("Access-Control-Allow-Origin")).isEqualTo("*");
    RawHttp.Response path = RawHttp.get("127.11.0.3", port, "/public/%zz");
    assertThat(path.status()).isEqualTo(400);
    assertThat(path.body()).isEqualTo("{\"error\":\"malformed URL encoding in the path\"}");
    assertThat(path.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(RawHttp.get("127.11.0.4", port, "/health/live?x=%").status()).isEqualTo(400);
    assertThat(logSince(before)).doesNotContain("\tat ", "Exception", "internal error",
        "Unhandled");
  }

  @Test
  void anOverflowingChunkSizeIsClosedWithoutAStackTrace() throws IOException {
    long before = Files.size(gateway.stdoutFile());
    byte[] request = ("POST /dash/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
        + "application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "FFFFFFFFFFFFFFFF\r\naaaa").getBytes(StandardCharsets.US_ASCII);
    String raw;
    try {
      RawHttp.Response r = RawHttp.exchange("127.11.1.1", port, request);
      raw = r.raw();
      if (!raw.isEmpty()) {
        assertThat(r.status()).isEqualTo(400);
      }
    } catch (java.io.UncheckedIOException e) {
      assertThat(e.getCause()).as("reset by the server, not left open")
          .isNotInstanceOf(java.net.SocketTimeoutException.class);
    }
    assertThat(logSince(before)).doesNotContain("\tat ", "Unhandled", "request failed");
  }

  @Test
  void oversizedLoginFormsAre413AsDocumented() throws IOException {
    long before = Files.size(gateway.stdoutFile());
    String chunk = "a".repeat(4096);
    String chunked = "token=" + chunk + "\r\n";
    byte[] threeChunks = ("POST /dash/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(4096 + 6) + "\r\ntoken=" + chunk + "\r\n"
        + "1000\r\n" + chunk + "\r\n1000\r\n" + chunk + "\r\n0\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    RawHttp.Response chunks = RawHttp.exchange("127.11.2.1", port, threeChunks);
    assertThat(chunks.status()).as("three chunks of 4096 bytes: %s", chunks.raw()).isEqualTo(413);
    assertThat(chunks.body()).isEqualTo(
        "{\"error\":\"the request body is too large (at most 4096 bytes)\"}");
    RawHttp.Response sized = RawHttp.postForm("127.11.2.2", port, "/dash/login",
        "token=" + "a".repeat(4096 + 10));
    assertThat(sized.status()).as("4096 + 16 bytes: %s", sized.raw()).isEqualTo(413);
    assertThat(sized.body()).isEqualTo(
        "{\"error\":\"the request body is too large (at most 4096 bytes)\"}");
    String fields = String.join("&", Collections.nCopies(100, "a=1"));
    assertThat(fields).hasSize(399);
    RawHttp.Response many = RawHttp.postForm("127.11.2.3", port, "/dash/login", fields);
    assertThat(many.status()).as("100 fields: %s", many.raw()).isEqualTo(413);
    assertThat(many.body()).isEqualTo("{\"error\":\"the form has too many fields (at most 16)\"}");
    String log = logSince(before);
    assertThat(log).doesNotContain("\tat ", ": null");
  }

  @Test
  void aCorsPreflightIsAnsweredForThePublicEndpoints() {
    RawHttp.Response preflight = RawHttp.exchange("127.11.3.1", port,
        "OPTIONS /public/api/current HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            + "Origin: https://example.org\r\nAccess-Control-Request-Method: GET\r\n"
            + "Access-Control-Request-Headers: x-requested-with\r\n\r\n");
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD");
    assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualTo("x-requested-with");
    assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("86400");
    RawHttp.Response delete = RawHttp.exchange("127.11.3.2", port,
        "DELETE /public/api/current HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
  }

  @Test
  void whenEveryLanguageIsRefusedTheFirstListedIsServed() {
    RawHttp.Response page = RawHttp.get("127.11.4.1", port, "/public/about",
        "Accept-Language: sk;q=0, en;q=0");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Language")).as("languages: [sk, en]").isEqualTo("sk");
  }

  @Test
  void acceptLanguageQualityZeroIsNotAcceptable() {
    RawHttp.Response page = RawHttp.get("127.5.0.3", port, "/public/about",
        "Accept-Language: sk;q=0, en");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Language")).isEqualTo("en");
    assertThat(page.body()).contains("<html lang=\"en\">");
  }

  @Test
  void cleartextHttp2IsNotSpoken() {
    RawHttp.Response preface = RawHttp.exchange("127.6.0.1", port,
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(preface.status()).as("an HTTP/1-style refusal, no HTTP/2 frames: %s",
        preface.raw()).isEqualTo(501);
    assertThat(preface.raw()).as("Vert.x echoes the version of the request line")
        .startsWith("HTTP/2.0 501");
    RawHttp.Response upgrade = RawHttp.get("127.6.0.2", port, "/health/live",
        "Upgrade: h2c", "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA", "Connection: Upgrade, HTTP2-Settings, close");
    assertThat(upgrade.status()).as("answered in HTTP/1.1, not switched").isEqualTo(200);
    assertThat(upgrade.raw()).startsWith("HTTP/1.1 200");
  }

  @Test
  void overlongRequestLinesAndHeadersAreRefused() {
    RawHttp.Response line = RawHttp.get("127.6.0.3", port, "/public/about?x=" + "a".repeat(5_000));
    assertThat(line.status()).as("request line over 4 KB").isEqualTo(414);
    assertThat(line.raw()).as("Netty gives an unreadable request line version 1.0")
        .startsWith("HTTP/1.0 414");
    assertThat(line.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(line.body())
        .isEqualTo("{\"error\":\"the request line is too long (at most 4096 bytes)\"}");
    RawHttp.Response headers = RawHttp.get("127.6.0.4", port, "/public/about",
        "X-Filler: " + "a".repeat(9_000));
    assertThat(headers.status()).as("headers over 8 KB").isEqualTo(431);
    assertThat(headers.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(headers.body())
        .isEqualTo("{\"error\":\"the request headers are too large (at most 8192 bytes)\"}");
  }

  @Test
  void theDeclaredHostIsTheOnlyAddressListenedOn() throws Exception {
    // every 127/8 address reaches this machine; one the server did not bind must refuse
    java.net.InetAddress other = java.net.InetAddress.getByName("127.0.0.2");
    try (Socket s = new Socket()) {
      assertThatThrownBy(() -> s.connect(new java.net.InetSocketAddress(other, port), 2_000))
          .as("http.host: 127.0.0.1, so %s:%d refuses", other, port)
          .isInstanceOf(IOException.class);
    }
  }

  private static void assertBadTime(String query, String parameter) {
    RawHttp.Response r = RawHttp.get("127.5.0.1", port,
        "/public/api/history.json?channel=weather/temperature&" + query);
    assertThat(r.status()).as(query).isEqualTo(400);
    assertThat(r.body()).contains("\"parameter\":\"" + parameter + "\"", "1970 to 9999");
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
  }

  /** What the gateway wrote to its log since {@code before} bytes. */
  private static String logSince(long before) throws IOException {
    byte[] log = Files.readAllBytes(gateway.stdoutFile());
    return new String(log, (int) before, log.length - (int) before, StandardCharsets.UTF_8);
  }

  private static double metric(String scrape, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} ([0-9.eE+-]+)$").matcher(scrape);
    assertThat(m.find()).as("%s in /metrics", name).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
