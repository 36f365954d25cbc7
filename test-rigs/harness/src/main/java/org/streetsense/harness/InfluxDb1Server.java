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
 *
 * <p>{@link #withAuthentication} runs it with {@code auth-enabled = true} and an admin user that
 * {@link #createDatabase}, {@link #query} and {@link #createWriter} then use; anything without
 * credentials is answered 401.
 */
public final class InfluxDb1Server extends ServerProcess {

  private final int httpPort = FreePorts.next();
  private final int rpcPort = FreePorts.next();
  private final String admin;
  private final String adminPassword;
  private volatile boolean adminCreated;

  /** Without authentication: anyone may write and query. */
  public InfluxDb1Server() {
    this(null, null);
  }

  private InfluxDb1Server(String admin, String adminPassword) {
    super("influxd", newWorkDir("influxd"));
    this.admin = admin;
    this.adminPassword = adminPassword;
  }

  /**
   * With {@code auth-enabled = true}; the admin user is created at the first start (InfluxDB
   * allows that one statement without credentials while it has no user).
   */
  public static InfluxDb1Server withAuthentication(String admin, String adminPassword) {
    return new InfluxDb1Server(java.util.Objects.requireNonNull(admin, "admin"),
        java.util.Objects.requireNonNull(adminPassword, "adminPassword"));
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
        "  auth-enabled = " + (admin != null),
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
    if (admin != null && !adminCreated) {
      post("/query", "q=" + enc("CREATE USER \"" + admin + "\" WITH PASSWORD '" + adminPassword
          + "' WITH ALL PRIVILEGES"), false);
      adminCreated = true;
    }
  }

  /** Creates a user that may write and read {@code db} only (needs {@link #withAuthentication}). */
  public void createWriter(String user, String password, String db) {
    post("/query", "q=" + enc("CREATE USER \"" + user + "\" WITH PASSWORD '" + password + "'"));
    post("/query", "q=" + enc("GRANT ALL ON \"" + db + "\" TO \"" + user + "\""));
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
    return post(path, form, admin != null);
  }

  /** Posts a form, with the admin's credentials if {@code asAdmin}. */
  private String post(String path, String form, boolean asAdmin) {
    try {
      String credentials = asAdmin ? "?u=" + enc(admin) + "&p=" + enc(adminPassword) : "";
      HttpResponse<String> r = HttpProbe.post(url() + path + credentials,
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
