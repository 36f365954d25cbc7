package org.streetsense.system.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * The bench of the reload ITs, as a JUnit extension: before each test a Mosquitto of its own, a
 * {@link ConfigTopics} for installation {@code id} on it, a free HTTP port and a temporary
 * directory; after it, the gateway it started stopped, the broker closed and the directory
 * deleted. Register it per test instance:
 * {@code @RegisterExtension final ReloadBench bench = ReloadBench.anonymous("keep-bench");}.
 *
 * <p>{@link #installation} writes the lines every bench file shares (simulated hardware, seed 5;
 * the uplink to this broker with a 5 s keep-alive; the spool in the directory; HTTP on loopback
 * at the free port) around the test's own lines, and {@link #start} runs {@code streetsense run}
 * on {@link #file()} with the configuration store in the directory.
 */
public final class ReloadBench implements BeforeEachCallback, AfterEachCallback {

  private final String id;
  private final List<String> brokerLines;
  private MosquittoServer broker;
  private ConfigTopics config;
  private GatewayProcess gateway;
  private Path dir;
  private int httpPort;

  private ReloadBench(String id, List<String> brokerLines) {
    this.id = id;
    this.brokerLines = List.copyOf(brokerLines);
  }

  /** A bench whose broker takes anonymous clients. */
  public static ReloadBench anonymous(String id) {
    return new ReloadBench(id, List.of());
  }

  /** A bench whose broker writes its log, line by line, to {@link #brokerLog()}. */
  public static ReloadBench withBrokerLog(String id) {
    return new ReloadBench(id, List.of("log_dest file "));
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("reload-bench-");
    MosquittoServer.Builder b = MosquittoServer.builder();
    for (String line : brokerLines) {
      b.configLine(line.endsWith(" ") ? line + brokerLog() : line);
    }
    broker = b.build();
    broker.start();
    config = new ConfigTopics(broker.url(), id);
    httpPort = FreePorts.next();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      broker.close();
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The installation's id. */
  public String id() {
    return id;
  }

  /** {@code streetsense/v1/<id>}. */
  public String prefix() {
    return config.prefix();
  }

  public MosquittoServer broker() {
    return broker;
  }

  public ConfigTopics config() {
    return config;
  }

  /** The port the bench files give the gateway's HTTP server. */
  public int httpPort() {
    return httpPort;
  }

  /** The test's temporary directory (the spool, the store and the file live in it). */
  public Path dir() {
    return dir;
  }

  /** The broker's log file, for a bench made {@link #withBrokerLog}. */
  public Path brokerLog() {
    return dir.resolve("broker.log");
  }

  /** The installation file {@link #start} runs: {@code installation.yaml} in the directory. */
  public Path file() {
    return dir.resolve("installation.yaml");
  }

  /** The configuration store {@link #start} gives the gateway. */
  public Path store() {
    return dir.resolve("store");
  }

  /** The gateway started last, or null. */
  public GatewayProcess gateway() {
    return gateway;
  }

  /**
   * A bench file: {@code installation}, {@code site} and the simulated hardware, then
   * {@code body} (devices, safety, anything at the top level), then the uplink, the spool and
   * HTTP on loopback at {@link #httpPort()}, with {@code httpExtra} (say {@code ", token: x"})
   * inside its braces.
   */
  public String installation(String site, String body, String httpExtra) {
    return """
        installation: %s
        site: %s
        hardware: {backend: simulated, seed: 5}
        %s
        uplink:
          mqtt: {url: "%s", keepAlive: 5s}
        spool: {dir: "%s"}
        http: {host: 127.0.0.1, port: %d%s}
        """.formatted(id, site, body.strip(), broker.url(), dir.resolve("spool"), httpPort,
        httpExtra);
  }

  /** {@link #installation(String, String, String)} with no more HTTP settings. */
  public String installation(String site, String body) {
    return installation(site, body, "");
  }

  /** Writes {@code text} to {@link #file()}. */
  public Path writeFile(String text) {
    try {
      return Files.writeString(file(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code streetsense run --config <file> --config-store <store>} with {@code more}
   * arguments after them, and the gateway process fixture's default JVM options.
   */
  public GatewayProcess start(String... more) {
    return startWith(List.of(), more);
  }

  /** Like {@link #start}, with {@code jvmOptions} before the jar. */
  public GatewayProcess startWith(List<String> jvmOptions, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--config", file().toString(),
        "--config-store", store().toString()));
    args.addAll(List.of(more));
    gateway = jvmOptions.isEmpty() ? GatewayProcess.start(args.toArray(String[]::new))
        : GatewayProcess.start(jvmOptions, args.toArray(String[]::new));
    return gateway;
  }
}
