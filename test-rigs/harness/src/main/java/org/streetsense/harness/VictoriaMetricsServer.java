package org.streetsense.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * VictoriaMetrics single-node as Debian packages it ({@code /usr/bin/victoria-metrics}), on a
 * free loopback port with its data in the work dir. It accepts the InfluxDB v2 write API
 * ({@code /api/v2/write}) and stores field {@code f} of measurement {@code m} as metric
 * {@code m_f}; read back with {@link #export(String)}. The port stays the same across
 * {@link #stop()} and {@link #start()}.
 */
public final class VictoriaMetricsServer extends ServerProcess {

  private final int port = FreePorts.next();

  public VictoriaMetricsServer() {
    super("victoria-metrics", newWorkDir("victoria-metrics"));
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  protected List<String> command() {
    return List.of(
        executable("victoria-metrics", "/usr/bin/victoria-metrics",
            "/usr/local/bin/victoria-metrics"),
        "-httpListenAddr=127.0.0.1:" + port,
        "-storageDataPath=" + workDir().resolve("data"),
        "-retentionPeriod=100y");
  }

  @Override
  protected void awaitReady(Duration timeout) {
    await(name() + " /health").atMost(timeout).pollInSameThread()
        .pollInterval(Duration.ofMillis(100)).until(() -> {
      if (!isRunning()) {
        throw new IllegalStateException(name() + " exited");
      }
      return HttpProbe.status(url() + "/health") == 200;
    });
  }

  /**
   * Flushes recently ingested samples and returns the JSON lines of {@code /api/v1/export} for
   * a series selector such as {@code {__name__="reading_value"}}, over all time.
   */
  public List<String> export(String matchSelector) {
    try {
      HttpProbe.get(url() + "/internal/force_flush");
      HttpResponse<String> r = HttpProbe.get(url() + "/api/v1/export?start=0&match[]="
          + URLEncoder.encode(matchSelector, StandardCharsets.UTF_8));
      if (r.statusCode() != 200) {
        throw new IllegalStateException("export answered " + r.statusCode() + ": " + r.body());
      }
      return r.body().lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
