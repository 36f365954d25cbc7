package org.streetsense.gateway.sink.influx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /write?db=&precision=ns} for InfluxDB 1.x, with {@link java.net.http.HttpClient}
 * (no extra dependency), basic authentication and an optionally gzip-compressed body.
 */
final class V1HttpWriter implements LineWriter {

  private final HttpClient http;
  private final URI uri;
  private final String authorization;
  private final InfluxSinkOptions options;

  V1HttpWriter(InfluxSinkOptions o) {
    this.options = o;
    this.http = HttpClient.newBuilder().connectTimeout(o.timeout()).build();
    String query = "db=" + enc(o.database()) + "&precision=ns"
        + (o.retentionPolicy().isEmpty() ? "" : "&rp=" + enc(o.retentionPolicy()));
    this.uri = URI.create(o.url().replaceAll("/+$", "") + "/write?" + query);
    this.authorization = o.username().isEmpty() ? null : "Basic " + Base64.getEncoder()
        .encodeToString((o.username() + ":" + o.password()).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void write(List<String> lines) throws IOException {
    byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(options.timeout())
        .header("Content-Type", "text/plain; charset=utf-8");
    if (options.gzip()) {
      body = gzip(body);
      req.header("Content-Encoding", "gzip");
    }
    if (authorization != null) {
      req.header("Authorization", authorization);
    }
    HttpResponse<String> r;
    try {
      r = http.send(req.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted writing to influx", e);
    } catch (IOException e) {
      throw new IOException("influx v1 write to " + options.url() + " failed: " + e, e);
    }
    if (r.statusCode() / 100 != 2) {
      throw new IOException("influx v1 write answered HTTP " + r.statusCode() + ": "
          + r.body().strip());
    }
  }

  private static byte[] gzip(byte[] in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(in);
    }
    return out.toByteArray();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    // java.net.http.HttpClient of Java 17 holds no resources that need closing
  }
}
