package org.streetsense.gateway.sink.influx;

import java.time.Duration;
import java.util.Objects;

/**
 * InfluxDB sink configuration; build with {@link #builder(String)}. Secrets (token, password)
 * are never logged or included in {@link #toString()}.
 *
 * @param url base URL, for example {@code http://influx.city.example:8086}
 * @param api write endpoint (default {@link InfluxApi#V2})
 * @param org v2 organisation (ignored by InfluxDB 1.8 and VictoriaMetrics; must be non-blank)
 * @param bucket v2 bucket
 * @param token v2 token (empty for none)
 * @param database v1 database
 * @param retentionPolicy v1 retention policy, or empty for the default
 * @param username v1 user, or empty for none
 * @param password v1 password
 * @param site value of the {@code site} tag on every point, or empty to omit it
 * @param batchSize most lines per HTTP request (default 5000)
 * @param gzip compress request bodies (default true)
 * @param timeout connect and request timeout (default 10 s)
 * @param name sink name, used as the spool cursor name (default {@code influxdb})
 */
public record InfluxSinkOptions(
    String url,
    InfluxApi api,
    String org,
    String bucket,
    String token,
    String database,
    String retentionPolicy,
    String username,
    String password,
    String site,
    int batchSize,
    boolean gzip,
    Duration timeout,
    String name) {

  public InfluxSinkOptions {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(name, "name");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException("influx url must start with http:// or https://, was '"
          + url + "'");
    }
    if (api == InfluxApi.V2 && (blank(org) || blank(bucket))) {
      throw new IllegalArgumentException("influx api v2 needs org and bucket");
    }
    if (api == InfluxApi.V1 && blank(database)) {
      throw new IllegalArgumentException("influx api v1 needs database");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("influx batchSize must be >= 1, was " + batchSize);
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("influx timeout must be > 0, was " + timeout);
    }
    token = token == null ? "" : token;
    retentionPolicy = retentionPolicy == null ? "" : retentionPolicy;
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    site = site == null ? "" : site;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  public static Builder builder(String url) {
    return new Builder(url);
  }

  @Override
  public String toString() {
    return "InfluxSinkOptions[url=" + url + ", api=" + api + ", org=" + org + ", bucket=" + bucket
        + ", database=" + database + ", username=" + username + ", site=" + site
        + ", batchSize=" + batchSize + ", gzip=" + gzip + ", timeout=" + timeout + "]";
  }

  /** Builder; defaults as documented on the record. */
  public static final class Builder {
    private final String url;
    private InfluxApi api = InfluxApi.V2;
    private String org;
    private String bucket;
    private String token;
    private String database;
    private String retentionPolicy;
    private String username;
    private String password;
    private String site;
    private int batchSize = 5000;
    private boolean gzip = true;
    private Duration timeout = Duration.ofSeconds(10);
    private String name = "influxdb";

    private Builder(String url) {
      this.url = url;
    }

    /** v2 API: org, bucket and token. */
    public Builder v2(String org, String bucket, String token) {
      this.api = InfluxApi.V2;
      this.org = org;
      this.bucket = bucket;
      this.token = token;
      return this;
    }

    /** v1 API: database and optional credentials (null for none). */
    public Builder v1(String database, String username, String password) {
      this.api = InfluxApi.V1;
      this.database = database;
      this.username = username;
      this.password = password;
      return this;
    }

    public Builder retentionPolicy(String v) { retentionPolicy = v; return this; }
    public Builder site(String v) { site = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder gzip(boolean v) { gzip = v; return this; }
    public Builder timeout(Duration v) { timeout = v; return this; }
    public Builder name(String v) { name = v; return this; }

    public InfluxSinkOptions build() {
      return new InfluxSinkOptions(url, api, org, bucket, token, database, retentionPolicy,
          username, password, site, batchSize, gzip, timeout, name);
    }
  }
}
