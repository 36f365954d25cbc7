package org.streetsense.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * InfluxDB 1.x as Debian packages it ({@code influxd} 1.6.7, package {@code influxdb}), run with a
 * generated config: HTTP and RPC on free loopback ports, meta/data/wal in the work dir, reporting
 * and self-monitoring off. The ports stay the same across {@link #stop()} and {@link #start()},
 * so outage tests can bring the same server back. Note 1.6.7 has no {@code /api/v2/write}: write
 * with {@code /write?db=}.
 */
public final class InfluxDb1Server extends ServerProcess {

  private final int httpPort = FreePorts.next();
  private final int rpcPort = FreePorts.next();

  public InfluxDb1Server() {
    super("influxd", newWorkDir("influxd"));
  }

  /** Base URL, for example {@code http://127.0.0.1:40123}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int port() {
    return httpPort;
  }

  @Override
  protected List<String> command() throws IOException {
    Path config = workDir().resolve("influxdb.conf");
    Files.writeString(config, String.join("\n",
        "reporting-disabled = true",
        "bind-address = \"127.0.0.1:" + rpcPort + "\"",
        "[meta]",
        "  dir = \"" + workDir().resolve("meta") + "\"",
        "[data]",
        "  dir = \"" + workDir().resolve("data") + "\"",
        "  wal-dir = \"" + workDir().resolve("wal") + "\"",
        "  query-log-enabled = false",
        "[http]",
        "  enabled = true",
        "  bind-address = \"127.0.0.1:" + httpPort + "\"",
        "  log-enabled = false",
        "[monitor]",
        "  store-enabled = false",
        "[continuous_queries]",
        "  enabled = false",
        "[subscriber]",
        "  enabled = false",
        ""));
    return List.of(executable("influxdb", "/usr/bin/influxd", "/usr/local/bin/influxd"),
        "-config", config.toString());
  }

  @Override
  protected void awaitReady(Duration timeout) {
    await(name() + " /ping").atMost(timeout).pollInSameThread()
        .pollInterval(Duration.ofMillis(100)).until(() -> {
      if (!isRunning()) {
        throw new IllegalStateException(name() + " exited");
      }
      return HttpProbe.status(url() + "/ping") == 204;
    });
  }

  /** Creates a database (idempotent). */
  public void createDatabase(String db) {
    post("/query", "q=" + enc("CREATE DATABASE \"" + db + "\""));
  }

  /** Runs an InfluxQL query against {@code db}; returns the JSON response body. */
  public String query(String db, String influxql) {
    return post("/query", "db=" + enc(db) + "&epoch=ns&q=" + enc(influxql));
  }

  private String post(String path, String form) {
    try {
      HttpResponse<String> r = HttpProbe.post(url() + path,
          "application/x-www-form-urlencoded", form);
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
