package org.streetsense.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian package {@code mosquitto}) on a free loopback port, configured
 * by a {@code mosquitto.conf} generated in its own temporary directory. Persistence is off unless
 * {@link Builder#persistent} is set, so a restart forgets sessions and retained messages, as a
 * broker replaced after a crash would.
 *
 * <p>The ports are chosen once, when the server is built: {@link #restart()} and a later
 * {@link #start()} bind the same ports, so clients reconnect to the same URL.
 *
 * <pre>{@code
 * try (MosquittoServer broker = MosquittoServer.builder().build()) {
 *   broker.start();
 *   String url = broker.url(); // tcp://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class MosquittoServer extends ServerProcess {

  private final int port;
  private final int tlsPort;
  private final Settings settings;

  /** A snapshot of the builder, so later builder calls do not change a built server. */
  private record Settings(Map<String, String> users, String acl, TestCertificates certificates,
      boolean requireClientCertificate, boolean persistent, String extraConfig) {}

  private MosquittoServer(Builder builder) {
    super("mosquitto", newWorkDir("mosquitto"));
    this.settings = new Settings(new LinkedHashMap<>(builder.users), builder.acl,
        builder.certificates, builder.requireClientCertificate, builder.persistent,
        builder.extraConfig.toString());
    this.port = FreePorts.next();
    this.tlsPort = builder.certificates == null ? -1 : FreePorts.next();
  }

  /** An anonymous broker with a plain listener only. */
  public static MosquittoServer anonymous() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Plain MQTT port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** URL of the plain listener, {@code tcp://127.0.0.1:<port>}, as Paho expects it. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** TLS port on 127.0.0.1; fails if the server was built without {@link Builder#tls}. */
  public int tlsPort() {
    if (tlsPort < 0) {
      throw new IllegalStateException("mosquitto was built without a TLS listener");
    }
    return tlsPort;
  }

  /** URL of the TLS listener, {@code ssl://127.0.0.1:<port>}. */
  public String tlsUrl() {
    return "ssl://127.0.0.1:" + tlsPort();
  }

  /** Stops the broker gracefully and starts it again on the same ports. */
  public synchronized void restart() {
    stop();
    start();
  }

  @Override
  protected List<String> command() throws IOException {
    Path conf = workDir().resolve("mosquitto.conf");
    Files.writeString(conf, config());
    return List.of(executable("mosquitto", "/usr/sbin/mosquitto", "/usr/bin/mosquitto"),
        "-c", conf.toString());
  }

  @Override
  protected void awaitReady(Duration timeout) {
    awaitTcp(port, timeout);
    if (tlsPort > 0) {
      awaitTcp(tlsPort, timeout);
    }
  }

  private String config() throws IOException {
    StringBuilder c = new StringBuilder();
    c.append("per_listener_settings false\n");
    c.append("persistence ").append(settings.persistent()).append('\n');
    if (settings.persistent()) {
      c.append("persistence_location ").append(workDir().toAbsolutePath()).append("/\n");
    }
    c.append("log_dest stdout\n");
    c.append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
    c.append("connection_messages true\n");
    c.append("user ").append(System.getProperty("user.name")).append('\n');
    c.append("allow_anonymous ").append(settings.users().isEmpty()).append('\n');
    if (!settings.users().isEmpty()) {
      c.append("password_file ").append(writePasswordFile()).append('\n');
    }
    if (settings.acl() != null) {
      Path acl = workDir().resolve("acl");
      Files.writeString(acl, settings.acl());
      c.append("acl_file ").append(acl).append('\n');
    }
    c.append("listener ").append(port).append(" 127.0.0.1\n");
    if (settings.certificates() != null) {
      TestCertificates certs = settings.certificates();
      c.append("listener ").append(tlsPort).append(" 127.0.0.1\n");
      c.append("cafile ").append(certs.caCert()).append('\n');
      c.append("certfile ").append(certs.serverCert()).append('\n');
      c.append("keyfile ").append(certs.serverKey()).append('\n');
      c.append("require_certificate ").append(settings.requireClientCertificate()).append('\n');
    }
    c.append(settings.extraConfig());
    return c.toString();
  }

  private Path writePasswordFile() throws IOException {
    Path file = workDir().resolve("passwords");
    Files.deleteIfExists(file);
    boolean first = true;
    for (Map.Entry<String, String> user : settings.users().entrySet()) {
      List<String> cmd = new ArrayList<>();
      cmd.add(executable("mosquitto", "/usr/bin/mosquitto_passwd", "/usr/sbin/mosquitto_passwd"));
      if (first) {
        cmd.add("-c");
      }
      cmd.addAll(List.of("-b", file.toString(), user.getKey(), user.getValue()));
      runQuietly(cmd);
      first = false;
    }
    return file;
  }

  private void runQuietly(List<String> cmd) throws IOException {
    Path log = workDir().resolve("mosquitto_passwd.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("mosquitto_passwd failed; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running mosquitto_passwd", e);
    }
  }

  /** Options of a {@link MosquittoServer}; all optional. */
  public static final class Builder {
    private final Map<String, String> users = new LinkedHashMap<>();
    private String acl;
    private TestCertificates certificates;
    private boolean requireClientCertificate;
    private boolean persistent;
    private final StringBuilder extraConfig = new StringBuilder();

    private Builder() {}

    /**
     * Keeps sessions, queued QoS 1 messages and retained messages across {@link #restart()}
     * (Mosquitto's {@code persistence true}, saved on a graceful stop into the work directory).
     * Off by default: a restart then forgets everything.
     */
    public Builder persistent(boolean persistent) {
      this.persistent = persistent;
      return this;
    }

    /**
     * Appends one line of {@code mosquitto.conf} after the generated ones, for broker limits and
     * logging, e.g. {@code "max_queued_messages 0"} or {@code "log_timestamp_format %Y-%m-%dT%H:%M:%S"}.
     */
    public Builder configLine(String line) {
      Objects.requireNonNull(line, "line");
      if (line.isBlank() || line.contains("\n")) {
        throw new IllegalArgumentException("configLine must be one non-blank line, was '"
            + line + "'");
      }
      extraConfig.append(line).append('\n');
      return this;
    }

    /**
     * Adds a user to a password file generated with {@code mosquitto_passwd -b}. Once any user
     * is added, anonymous clients are refused.
     */
    public Builder user(String username, String password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isEmpty() || username.contains(":")) {
        throw new IllegalArgumentException("username must be non-empty without ':', was '"
            + username + "'");
      }
      users.put(username, password);
      return this;
    }

    /**
     * ACL file content in Mosquitto's syntax, for example
     * {@code "pattern write streetsense/v1/%u/#\n"}.
     */
    public Builder acl(String aclFileContent) {
      this.acl = Objects.requireNonNull(aclFileContent, "aclFileContent");
      return this;
    }

    /** Adds a TLS listener ({@link #tlsPort()}) using the server certificate of {@code certs}. */
    public Builder tls(TestCertificates certs) {
      this.certificates = Objects.requireNonNull(certs, "certs");
      return this;
    }

    /** Makes the TLS listener require a client certificate signed by the test CA. */
    public Builder requireClientCertificate(boolean require) {
      this.requireClientCertificate = require;
      return this;
    }

    /** Creates the server, choosing its ports; does not start it. */
    public MosquittoServer build() {
      if (requireClientCertificate && certificates == null) {
        throw new IllegalStateException("requireClientCertificate needs tls(certs)");
      }
      return new MosquittoServer(this);
    }
  }

  @Override
  public String toString() {
    return "mosquitto " + url() + " in " + workDir();
  }

  /** Reads the broker's log, for assertions on what it saw and for failure messages. */
  public String log() {
    try {
      return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
