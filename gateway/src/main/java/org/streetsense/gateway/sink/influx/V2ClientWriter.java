package org.streetsense.gateway.sink.influx;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import java.io.IOException;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * {@code /api/v2/write} through influxdb-client-java's {@link WriteApiBlocking}: no in-memory
 * buffer (unlike the async WriteApi, which drops the oldest points on overflow); the spool keeps
 * the data until the request succeeds.
 */
final class V2ClientWriter implements LineWriter {

  private final InfluxDBClient client;
  private final WriteApiBlocking api;
  private final String org;
  private final String bucket;

  V2ClientWriter(InfluxSinkOptions o) {
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .connectTimeout(o.timeout())
        .readTimeout(o.timeout())
        .writeTimeout(o.timeout());
    InfluxDBClientOptions.Builder b = InfluxDBClientOptions.builder()
        .url(o.url())
        .org(o.org())
        .bucket(o.bucket())
        .okHttpClient(http);
    if (!o.token().isEmpty()) {
      b.authenticateToken(o.token().toCharArray());
    }
    this.client = InfluxDBClientFactory.create(b.build());
    if (o.gzip()) {
      client.enableGzip();
    }
    this.api = client.getWriteApiBlocking();
    this.org = o.org();
    this.bucket = o.bucket();
  }

  @Override
  public void write(List<String> lines) throws IOException {
    try {
      api.writeRecords(bucket, org, WritePrecision.NS, lines);
    } catch (InfluxException e) {
      throw new IOException("influx v2 write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
