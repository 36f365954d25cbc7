package org.streetsense.rigs.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;

/**
 * A simulated installation made for load: up to two MCP3008 ADCs (8 channels each) sampled every
 * {@code period}, so {@code devices * 8 / period} readings per second, each its own stream
 * {@code (adc-N, inK)}. Written as a real installation file and loaded with {@link
 * InstallationLoader}, so the gateway runs exactly what {@code streetsense run --config} runs.
 *
 * <p>Immutable; build with {@link #builder}.
 */
public final class LoadInstallation {

  /** Channels per ADC device. */
  public static final int CHANNELS_PER_DEVICE = 8;

  private final Builder b;

  private LoadInstallation(Builder b) {
    this.b = b;
  }

  public static Builder builder(String id, Path spoolDir, String mqttUrl) {
    return new Builder(id, spoolDir, mqttUrl);
  }

  /** Readings per second the installation produces. */
  public double readingsPerSecond() {
    return b.devices * CHANNELS_PER_DEVICE * 1000.0 / b.period.toMillis();
  }

  /** The stream keys {@code device/channel} the installation produces. */
  public List<String> streams() {
    List<String> out = new ArrayList<>();
    for (int d = 0; d < b.devices; d++) {
      for (int c = 0; c < CHANNELS_PER_DEVICE; c++) {
        out.add("adc-" + d + "/in" + c);
      }
    }
    return out;
  }

  public String id() {
    return b.id;
  }

  /** The installation file text (YAML). */
  public String yaml() {
    StringBuilder y = new StringBuilder();
    y.append("installation: ").append(b.id).append('\n');
    y.append("site: fault bench\n");
    y.append("hardware: {backend: simulated, seed: 7}\n");
    y.append("devices:\n");
    for (int d = 0; d < b.devices; d++) {
      y.append("  - id: adc-").append(d).append('\n');
      y.append("    driver: mcp3008\n");
      y.append("    spi: {bus: 0, cs: ").append(d).append("}\n");
      y.append("    period: ").append(b.period.toMillis()).append("ms\n");
      y.append("    channels:\n");
      for (int c = 0; c < CHANNELS_PER_DEVICE; c++) {
        y.append("      in").append(c).append(": {index: ").append(c).append("}\n");
      }
    }
    y.append("uplink:\n  mqtt:\n");
    y.append("    url: ").append(b.mqttUrl).append('\n');
    y.append("    qos: 1\n");
    y.append("    keepAlive: ").append(b.keepAlive.toSeconds()).append("s\n");
    y.append("spool:\n");
    y.append("  dir: ").append(b.spoolDir.toAbsolutePath()).append('\n');
    y.append("  maxBytes: ").append(b.spoolMaxBytes / (1024 * 1024)).append("MB\n");
    y.append("  fsync: ").append(b.fsync).append('\n');
    y.append("http: {host: 127.0.0.1, port: ").append(b.httpPort).append("}\n");
    if (b.influx != null) {
      y.append("sinks:\n  influxdb:\n").append(b.influx);
    }
    return y.toString();
  }

  /** Writes the file into {@code dir} and returns its path. */
  public Path writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(b.id + ".yaml");
      Files.writeString(file, yaml());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the file into {@code dir} and loads it as the gateway would. */
  public Installation load(Path dir) {
    try {
      return InstallationLoader.load(writeTo(dir));
    } catch (ConfigException e) {
      throw new IllegalStateException("load installation is invalid: " + e.getMessage() + "\n" + yaml(), e);
    }
  }

  /** Options of a {@link LoadInstallation}. */
  public static final class Builder {
    private final String id;
    private final Path spoolDir;
    private final String mqttUrl;
    private int devices = 2;
    private Duration period = Duration.ofMillis(16);
    private Duration keepAlive = Duration.ofSeconds(30);
    private long spoolMaxBytes = 64L << 20;
    private String fsync = "group";
    private int httpPort = 8080;
    private String influx;

    private Builder(String id, Path spoolDir, String mqttUrl) {
      this.id = Objects.requireNonNull(id, "id");
      this.spoolDir = Objects.requireNonNull(spoolDir, "spoolDir");
      this.mqttUrl = Objects.requireNonNull(mqttUrl, "mqttUrl");
    }

    /** 1 or 2 ADC devices (default 2). */
    public Builder devices(int n) {
      if (n < 1 || n > 2) {
        throw new IllegalArgumentException("devices must be 1 or 2, was " + n);
      }
      devices = n;
      return this;
    }

    /** Sampling period of every device, at least 10 ms (default 16 ms: 1,000 readings/s with 2 devices). */
    public Builder period(Duration p) {
      if (p.toMillis() < 10) {
        throw new IllegalArgumentException("period must be at least 10ms, was " + p);
      }
      period = p;
      return this;
    }

    /** MQTT keep-alive, whole seconds (default 30 s). */
    public Builder keepAlive(Duration k) {
      keepAlive = Objects.requireNonNull(k, "keepAlive");
      return this;
    }

    /** Spool cap in whole MiB, at least 1 (default 64). */
    public Builder spoolMaxBytes(long bytes) {
      if (bytes < (1L << 20)) {
        throw new IllegalArgumentException("spoolMaxBytes must be at least 1 MiB, was " + bytes);
      }
      spoolMaxBytes = bytes;
      return this;
    }

    /** {@code always}, {@code group} (default) or {@code os}. */
    public Builder fsync(String policy) {
      if (!List.of("always", "group", "os").contains(policy)) {
        throw new IllegalArgumentException("fsync must be always, group or os, was " + policy);
      }
      fsync = policy;
      return this;
    }

    public Builder httpPort(int port) {
      httpPort = port;
      return this;
    }

    /** An InfluxDB 1.x sink ({@code /write?db=}). */
    public Builder influxV1(String url, String database) {
      influx = "    url: " + url + "\n    api: v1\n    database: " + database + "\n    batchSize: 500\n";
      return this;
    }

    /** An InfluxDB v2 API sink (VictoriaMetrics accepts any org, bucket and token). */
    public Builder influxV2(String url, String org, String bucket) {
      influx = "    url: " + url + "\n    api: v2\n    org: " + org + "\n    bucket: " + bucket
          + "\n    batchSize: 500\n";
      return this;
    }

    public LoadInstallation build() {
      return new LoadInstallation(this);
    }
  }
}
