package org.streetsense.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.status.DeviceState;

/** The HTTP surfaces over real HTTP on a loopback port, without a browser. */
@Timeout(60)
class HttpSurfaceIT {

  private static SurfaceFixture fx;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    fx = new SurfaceFixture(b -> { });
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  static HttpResponse<String> get(String base, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> send(String base, String method, String path, String body,
      String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> login(String base, String token) throws Exception {
    return send(base, "POST", "/dash/login", "token=" + token,
        "Content-Type", "application/x-www-form-urlencoded");
  }

  @Test
  void healthTurnsUnreadyWithReasons() throws Exception {
    HttpResponse<String> ok = get(fx.base, "/health");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(ok.body()).getBoolean("ready")).isTrue();
    fx.status.setUplink(FakeGatewayStatus.uplink(false, 9000, 0.95));
    fx.status.setDevice("light-1", DeviceState.FAULT, "BH1750 did not answer");
    try {
      HttpResponse<String> down = get(fx.base, "/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(down.body()).encode()).isEqualTo("{\"live\":true,\"ready\":false,"
          + "\"reasons\":[\"broker down\",\"device light-1 fault\",\"spool at 95% of cap\"],"
          + "\"config\":{\"version\":0,\"digest\":"
          + "\"sha256:9c1d5f0e51d3b8a7c6e5f4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a090\"}}");
      assertThat(get(fx.base, "/health/live").statusCode()).isEqualTo(200);
    } finally {
      fx.status.setUplink(FakeGatewayStatus.uplink(true, 0, 0.1));
      fx.status.setDevice("light-1", DeviceState.OK, null);
    }
  }

  @Test
  void metricsFromLoopbackNeedNoTokenByDefault() throws Exception {
    fx.metrics.readingAccepted("air-1");
    HttpResponse<String> r = get(fx.base, "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
    assertThat(r.body()).contains("streetsense_readings_total{device=\"air-1\"",
        "jvm_memory_used_bytes");
  }

  @Test
  void metricsNeedTheTokenWhenConfigured() throws Exception {
    try (SurfaceFixture strict = new SurfaceFixture(b -> b.metricsAccess(MetricsAccess.TOKEN))) {
      HttpResponse<String> denied = get(strict.base, "/metrics");
      assertThat(denied.statusCode()).isEqualTo(401);
      assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValue(
          "Bearer realm=\"streetsense\"");
      assertThat(get(strict.base, "/metrics", "Authorization", "Bearer " + SurfaceFixture.TOKEN)
          .statusCode()).isEqualTo(200);
    }
  }

  @Test
  void wrongMetricsTokensLockTheScrapersAddressOutEvenForTheRightToken() throws Exception {
    try (SurfaceFixture strict = new SurfaceFixture(b -> b.metricsAccess(MetricsAccess.TOKEN))) {
      for (int i = 0; i < 4; i++) {
        get(strict.base, "/metrics", "Authorization", "Bearer wrong-" + i);
      }
      HttpResponse<String> locked =
          get(strict.base, "/metrics", "Authorization", "Bearer " + SurfaceFixture.TOKEN);
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void dashboardNeedsTheToken() throws Exception {
    HttpResponse<String> page = get(fx.base, "/dash/");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValue("/dash/login");
    HttpResponse<String> api = get(fx.base, "/dash/api/snapshot");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(api.body()).getString("error")).contains("token");
    HttpResponse<String> bearer = get(fx.base, "/dash/api/snapshot",
        "Authorization", "Bearer " + SurfaceFixture.TOKEN);
    assertThat(bearer.statusCode()).isEqualTo(200);
    JsonObject snapshot = new JsonObject(bearer.body());
    assertThat(snapshot.getJsonArray("channels").encode()).contains("mic-1/sound_level");
    assertThat(snapshot.getJsonObject("uplink").getString("broker"))
        .isEqualTo("ssl://mqtt.kosice.example:8883");
    assertThat(snapshot.getJsonObject("history").getJsonArray("air-1/temperature"))
        .hasSizeBetween(20, 60);
  }

  @Test
  void dashboardStreamSendsTheSnapshotThenEveryObservationIncludingPrivateOnes()
      throws Exception {
    HttpResponse<java.util.stream.Stream<String>> r = HTTP.send(HttpRequest.newBuilder(
            URI.create(fx.base + "/dash/api/stream"))
        .header("Authorization", "Bearer " + SurfaceFixture.TOKEN).build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/event-stream"));
    try (java.util.stream.Stream<String> lines = r.body()) {
      java.util.Iterator<String> it = lines.iterator();
      String snapshot = dataAfter(it, "event: snapshot");
      assertThat(new JsonObject(snapshot).getJsonArray("devices")).hasSize(5);
      fx.publishReading("mic-1", "sound_level", 77.5, "dBA");
      JsonObject observation = new JsonObject(dataAfter(it, "event: observation"));
      assertThat(observation.getString("device")).isEqualTo("mic-1");
      assertThat(observation.getDouble("value")).isEqualTo(77.5);
    }
  }

  private static String dataAfter(java.util.Iterator<String> lines, String eventLine) {
    while (lines.hasNext()) {
      if (lines.next().equals(eventLine)) {
        String data = lines.next();
        assertThat(data).startsWith("data: ");
        return data.substring(6);
      }
    }
    throw new AssertionError("stream ended before " + eventLine);
  }

  @Test
  void loginGivesAnHttpOnlyStrictSessionCookie() throws Exception {
    HttpResponse<String> r = login(fx.base, SurfaceFixture.TOKEN);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/dash/");
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("streetsense_session=").containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict").contains("Path=/");
    String pair = cookie.substring(0, cookie.indexOf(';'));
    assertThat(get(fx.base, "/dash/api/snapshot", "Cookie", pair).statusCode()).isEqualTo(200);
    assertThat(get(fx.base, "/dash/", "Cookie", pair).body()).contains("Live readings");
    assertThat(r.body()).doesNotContain(SurfaceFixture.TOKEN);
  }

  @Test
  void wrongTokensAreThrottledEvenForTheRightOneAfterwards() throws Exception {
    try (SurfaceFixture own = new SurfaceFixture(b -> b.loginThrottle(
        new LoginThrottleOptions(2, Duration.ofSeconds(30), Duration.ofMinutes(5))))) {
      assertThat(login(own.base, "wrong-token-000000000").statusCode()).isEqualTo(401);
      assertThat(login(own.base, "wrong-token-000000001").statusCode()).isEqualTo(401);
      HttpResponse<String> locked = login(own.base, "wrong-token-000000002");
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(locked.headers().firstValue("Retry-After")).hasValue("30");
      assertThat(login(own.base, SurfaceFixture.TOKEN).statusCode()).isEqualTo(429);
      assertThat(get(own.base, "/dash/api/snapshot", "Authorization",
          "Bearer " + SurfaceFixture.TOKEN).statusCode()).isEqualTo(429);
    }
  }

  @Test
  void publicEndpointsAreReadOnly() throws Exception {
    for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
      HttpResponse<String> r = send(fx.base, method, "/public/api/current", "{}");
      assertThat(r.statusCode()).as(method).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
    }
    HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(
        URI.create(fx.base + "/public/api/current")).method("HEAD",
        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void publicEndpointsAreRateLimitedPerAddress() throws Exception {
    try (SurfaceFixture limited = new SurfaceFixture(
        b -> b.publicRateLimit(new RateLimitOptions(3, 0.1)))) {
      for (int i = 0; i < 3; i++) {
        assertThat(get(limited.base, "/public/api/current").statusCode()).isEqualTo(200);
      }
      HttpResponse<String> r = get(limited.base, "/public/api/current");
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, 10L);
      assertThat(get(limited.base, "/health").statusCode()).as("only /public is limited")
          .isEqualTo(200);
    }
  }

  @Test
  void currentValuesCarryLicenseAndOnlyPublicChannels() throws Exception {
    HttpResponse<String> r = get(fx.base, "/public/api/current");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(r.headers().firstValue("Link")).hasValue(
        "<https://spdx.org/licenses/CC-BY-4.0.html>; rel=\"license\"");
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getJsonObject("meta").getString("license")).isEqualTo("CC-BY-4.0");
    assertThat(body.getJsonObject("meta").getString("attribution"))
        .isEqualTo("Mesto Košice – Streetsense");
    assertThat(body.getJsonArray("channels").stream().map(o -> ((JsonObject) o)
        .getString("channel"))).containsExactly("air-1/temperature", "air-1/humidity",
        "light-1/illuminance");
  }

  @Test
  void historyExportsAsCsvAndJsonWithLicense() throws Exception {
    HttpResponse<String> csv = get(fx.base,
        "/public/api/history.csv?channel=air-1/temperature&from="
            + (System.currentTimeMillis() - 3_600_000L * 2));
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/csv"));
    assertThat(csv.headers().firstValue("X-License")).hasValue("CC-BY-4.0");
    assertThat(csv.body()).contains("# license: CC-BY-4.0\r\n",
        "# attribution: Mesto Košice – Streetsense\r\n", "time,value,quality,seq\r\n");
    assertThat(csv.body().lines().filter(l -> !l.startsWith("#")).count()).isEqualTo(61);
    HttpResponse<String> json = get(fx.base,
        "/public/api/history.json?channel=air-1%2Ftemperature&limit=10");
    JsonObject body = new JsonObject(json.body());
    assertThat(body.getJsonObject("meta").getBoolean("truncated")).isTrue();
    assertThat(body.getJsonArray("points")).hasSize(10);
  }

  @Test
  void aggregatesCoverPublicChannels() throws Exception {
    JsonObject body = new JsonObject(get(fx.base, "/public/api/aggregates?window=2h").body());
    assertThat(body.getJsonObject("meta").getString("window")).isEqualTo("PT2H");
    JsonObject first = body.getJsonArray("channels").getJsonObject(0);
    assertThat(first.getString("channel")).isEqualTo("air-1/temperature");
    assertThat(first.getLong("count")).isEqualTo(60);
    assertThat(first.getDouble("min")).isLessThan(first.getDouble("max"));
  }

  @Test
  void badRequestsGetClearErrorsNamingTheParameter() throws Exception {
    assertError("/public/api/history.json?channel=air-1/temperature&from=yesterday",
        400, "from");
    assertError("/public/api/history.csv", 400, "channel");
    assertError("/public/api/history.csv?channel=air-1/temperature&limit=-5", 400, "limit");
    assertError("/public/api/aggregates?window=forever", 400, "window");
    assertError("/public/api/aggregates?window=30d", 400, "window");
    assertError("/public/api/history.csv?channel=mic-1/sound_level", 404, "channel");
    HttpResponse<String> missing = get(fx.base, "/nothing/here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(missing.body()).getString("error")).contains("/nothing/here");
  }

  @Test
  void aboutPageFollowsAcceptLanguage() throws Exception {
    HttpResponse<String> en = get(fx.base, "/public/about", "Accept-Language",
        "en-GB,en;q=0.9,sk;q=0.5");
    assertThat(en.body()).contains("<html lang=\"en\">", "About this installation");
    assertThat(en.headers().firstValue("Content-Language")).hasValue("en");
    assertThat(en.headers().firstValue("Vary")).hasValue("Accept-Language");
    assertThat(get(fx.base, "/public/about", "Accept-Language", "de-AT,de;q=0.9").body())
        .as("falls back to the installation's first language").contains("<html lang=\"sk\">");
    assertThat(get(fx.base, "/public/about/en").body()).contains("What is not collected");
    assertError("/public/about/de", 400, "lang");
    assertThat(get(fx.base, "/").headers().firstValue("Location")).hasValue("/public/about");
  }

  @Test
  void privateChannelsNeverAppearOnPublicEndpoints() throws Exception {
    for (String path : new String[] {"/public/api/current", "/public/api/aggregates?window=1h",
        "/public/about/sk", "/public/about/en",
        "/public/api/history.json?channel=air-1/temperature"}) {
      String body = get(fx.base, path).body();
      for (String name : FakeGatewayStatus.PRIVATE_NAMES) {
        assertThat(body).as(path).doesNotContain(name);
      }
    }
  }

  private static void assertError(String path, int status, String parameter) throws Exception {
    HttpResponse<String> r = get(fx.base, path);
    assertThat(r.statusCode()).as(path).isEqualTo(status);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("parameter")).as(path).isEqualTo(parameter);
    assertThat(body.getString("error")).as(path).isNotBlank().doesNotContain("Exception")
        .doesNotContain("\tat ");
  }
}
