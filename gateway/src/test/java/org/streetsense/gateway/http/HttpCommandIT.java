package org.streetsense.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.command.CommandResult;

/**
 * Testing actuators over HTTP ({@code POST /dash/api/actuators/<id>/command}): through the
 * command processor and its safety policy, behind the token, refusing cross-site requests, and
 * answered with the MQTT result JSON. Runs the curl example of docs/http.md.
 */
@Timeout(60)
class HttpCommandIT {

  private static SurfaceFixture fx;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    fx = new SurfaceFixture(b -> { });
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static HttpRequest.Builder post(String actuator, String body) {
    return HttpRequest.newBuilder(URI.create(fx.base + "/dash/api/actuators/" + actuator
        + "/command")).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder bearer(HttpRequest.Builder r) {
    return r.header("Authorization", "Bearer " + SurfaceFixture.TOKEN)
        .header("Content-Type", "application/json");
  }

  private static String session() throws Exception {
    HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(fx.base + "/dash/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + SurfaceFixture.TOKEN)));
    assertThat(login.statusCode()).isEqualTo(303);
    return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  @Test
  void aCommandWithTheTokenRunsAndIsAnsweredWithTheMqttResult() throws Exception {
    HttpResponse<String> r = send(bearer(post("lamp",
        "{\"id\":\"bench-1\",\"op\":\"set\",\"value\":0.5,\"correlation\":\"phone\"}")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject answer = new JsonObject(r.body());
    assertThat(answer.getString("status")).isEqualTo("accepted");
    assertThat(answer.getString("id")).isEqualTo("bench-1");
    assertThat(answer.getString("correlation")).isEqualTo("phone");
    assertThat(answer.getString("actuator")).isEqualTo("lamp");
    assertThat(answer.fieldNames()).containsOnly("ts", "id", "correlation", "actuator", "status");
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.lamp.applied().contains(0.5));
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.status.actuators().stream()
        .anyMatch(a -> a.id().equals("lamp") && a.level() == 0.5));
  }

  @Test
  void withoutTheTokenNothingRuns() throws Exception {
    HttpResponse<String> r = send(post("lamp", "{\"id\":\"x-1\",\"op\":\"on\"}")
        .header("Content-Type", "application/json"));
    assertThat(r.statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = send(post("lamp", "{\"id\":\"x-2\",\"op\":\"on\"}")
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer not-the-token-at-all-9"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(fx.lamp.applied()).doesNotContain(1.0);
  }

  @Test
  void crossSiteRequestsWithTheSessionCookieAreRefused() throws Exception {
    String cookie = session();
    String origin = fx.base;
    String body = "{\"id\":\"csrf-%d\",\"op\":\"off\"}";
    // a form post from anywhere: the cookie alone is not enough
    HttpResponse<String> form = send(post("lamp", "id=csrf-0&op=on").header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin));
    assertThat(form.statusCode()).as(form.body()).isEqualTo(403);
    assertThat(form.body()).contains("application/json");
    HttpResponse<String> noHeader = send(post("lamp", body.formatted(1)).header("Cookie", cookie)
        .header("Content-Type", "application/json").header("Origin", origin));
    assertThat(noHeader.statusCode()).isEqualTo(403);
    assertThat(noHeader.body()).contains("X-Streetsense-Request");
    HttpResponse<String> noOrigin = send(post("lamp", body.formatted(2)).header("Cookie", cookie)
        .header("Content-Type", "application/json").header("X-Streetsense-Request", "dashboard"));
    assertThat(noOrigin.statusCode()).isEqualTo(403);
    HttpResponse<String> foreign = send(post("lamp", body.formatted(3)).header("Cookie", cookie)
        .header("Content-Type", "application/json").header("X-Streetsense-Request", "dashboard")
        .header("Origin", "https://evil.example"));
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).contains("Origin");

    HttpResponse<String> dashboard = send(post("lamp", body.formatted(4)).header("Cookie", cookie)
        .header("Content-Type", "application/json").header("X-Streetsense-Request", "dashboard")
        .header("Origin", origin));
    assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
    assertThat(new JsonObject(dashboard.body()).getString("status")).isEqualTo("accepted");
  }

  @Test
  void theSafetyPolicyDecidesAsForEveryOtherSource() throws Exception {
    HttpResponse<String> reserved = send(bearer(post("lamp", "{\"id\":\"osc:7\",\"op\":\"on\"}")));
    assertThat(reserved.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(reserved.body()).getString("reason")).isEqualTo("reserved_id");

    HttpResponse<String> notAllowed = send(bearer(post("fan",
        "{\"id\":\"fan-set\",\"op\":\"set\",\"value\":0.5}")));
    assertThat(notAllowed.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(notAllowed.body()).getString("reason")).isEqualTo("not_allowed");

    HttpResponse<String> unknown = send(bearer(post("pump-9", "{\"id\":\"p-1\",\"op\":\"on\"}")));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(unknown.body()).getString("reason")).isEqualTo("unknown_actuator");

    HttpResponse<String> malformed = send(bearer(post("lamp", "{\"op\":\"on\"}")));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(malformed.body()).getString("status")).isEqualTo("rejected");

    // a value with on is refused, naming the field, never silently dropped
    HttpResponse<String> onWithValue = send(bearer(post("lamp",
        "{\"id\":\"on-half\",\"op\":\"on\",\"value\":0.5}")));
    assertThat(onWithValue.statusCode()).isEqualTo(400);
    JsonObject refused = new JsonObject(onWithValue.body());
    assertThat(refused.getString("reason")).isEqualTo("malformed");
    assertThat(refused.getString("detail")).contains("'value'", "'on'");

    // the fan takes 2 commands a minute that leave its safe level, from any source; going back
    // to safe is never limited
    assertThat(send(bearer(post("fan", "{\"id\":\"fan-1\",\"op\":\"on\"}"))).statusCode())
        .isEqualTo(200);
    assertThat(send(bearer(post("fan", "{\"id\":\"fan-2\",\"op\":\"off\"}"))).statusCode())
        .isEqualTo(200);
    assertThat(send(bearer(post("fan", "{\"id\":\"fan-3\",\"op\":\"on\"}"))).statusCode())
        .isEqualTo(200);
    HttpResponse<String> third = send(bearer(post("fan", "{\"id\":\"fan-4\",\"op\":\"on\"}")));
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(new JsonObject(third.body()).getString("reason")).isEqualTo("rate_limited");
    assertThat(send(bearer(post("fan", "{\"id\":\"fan-5\",\"op\":\"off\"}"))).statusCode())
        .as("off while the rate is used up").isEqualTo(200);
  }

  @Test
  void aBodyRefusedBeforeItIsACommandIsAnsweredOverHttpOnlyAsTheDocsSay() throws Exception {
    List<CommandResult> published = new CopyOnWriteArrayList<>(); // what the result topic gets
    fx.commands.onResult(published::add);

    String large = "{\"id\":\"big-1\",\"op\":\"on\",\"correlation\":\"" + "x".repeat(4100) + "\"}";
    HttpResponse<String> tooLarge = send(bearer(post("lamp", large)));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(tooLarge.body())).isEqualTo(
        new JsonObject().put("error", "the request body is too large (at most 4096 bytes)"));

    HttpResponse<String> malformed = send(bearer(post("lamp", "{\"id\":\"m-1\",\"op\":\"blink\"}")));
    assertThat(malformed.statusCode()).isEqualTo(400);
    JsonObject refusal = new JsonObject(malformed.body());
    assertThat(refusal.getString("status")).isEqualTo("rejected");
    assertThat(refusal.getString("reason")).isEqualTo("malformed");
    assertThat(refusal.getString("id")).isEqualTo("m-1");

    // a refusal of the command processor is published; sent last, it shows the others were not
    HttpResponse<String> reserved = send(bearer(post("lamp", "{\"id\":\"reflex:r-9\",\"op\":\"on\"}")));
    assertThat(reserved.statusCode()).isEqualTo(409);
    await().atMost(Duration.ofSeconds(10)).until(() -> published.stream()
        .anyMatch(r -> r.commandId().equals("reflex:r-9") && r.reason() == RejectReason.RESERVED_ID));
    assertThat(published).extracting(CommandResult::commandId).doesNotContain("big-1", "m-1");
  }

  @Test
  void theActuatorListNamesWhatThePolicyAllows() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(fx.base
        + "/dash/api/actuators")).header("Authorization", "Bearer " + SurfaceFixture.TOKEN));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject fan = new JsonObject(r.body()).getJsonArray("actuators").getJsonObject(0);
    assertThat(fan.getString("id")).isEqualTo("fan");
    assertThat(fan.getJsonArray("operations").getList()).containsExactly("on", "off", "safe");
    assertThat(fan.getInteger("commandsPerMinute")).isEqualTo(2);
    assertThat(fan.getDouble("min")).isEqualTo(0.0);
    assertThat(fan.getDouble("max")).isEqualTo(1.0);
  }

  @Test
  void theCurlExampleInTheDocsWorks() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "http.md"), StandardCharsets.UTF_8);
    int at = docs.indexOf("/dash/api/actuators/lamp/command\n```");
    int start = docs.lastIndexOf("```\n", at) + 4;
    String command = docs.substring(start, docs.indexOf("\n```", at))
        .replace("http://pi.local:8080", fx.base);
    assertThat(command).startsWith("curl ");
    ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", command));
    pb.environment().put("STREETSENSE_DASHBOARD_TOKEN", SurfaceFixture.TOKEN);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    JsonObject answer = new JsonObject(out.strip());
    assertThat(answer.getString("status")).as(out).isEqualTo("accepted");
    assertThat(answer.getString("id")).isEqualTo("bench-test-1");
    assertThat(answer.fieldNames()).as("the fields of the answer shown in the docs")
        .containsOnly("ts", "id", "correlation", "actuator", "status");
    assertThat(answer.getString("actuator")).isEqualTo("lamp");
  }
}
