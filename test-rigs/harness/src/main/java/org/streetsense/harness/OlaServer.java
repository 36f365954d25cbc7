package org.streetsense.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Open Lighting Architecture daemon (Debian package {@code ola}: {@code olad}) receiving
 * DMX over Art-Net and sACN on loopback, with a config directory of its own: every plugin but
 * Art-Net and E1.31 disabled, both on 127.0.0.1 (or the interface given to
 * {@link Builder#ip}), and their input ports patched to OLA universes. {@link #dmx(int)} reads a universe back over olad's HTTP server
 * ({@code GET /get_dmx?u=<universe>}).
 *
 * <p>olad refuses to run as root: when the tests run as root it is started through
 * {@code setpriv} as the {@code olad} user (created by the Debian package), or {@code nobody}.
 *
 * <p>Art-Net (UDP 6454) and sACN (UDP 5568) have fixed ports: two OlaServers cannot run at once
 * on one machine. The RPC and HTTP ports are free ports.
 *
 * <pre>{@code
 * try (OlaServer ola = OlaServer.builder().artNet(1).sacn(2).build()) {
 *   ola.start();
 *   int[] frame = ola.dmx(1); // 512 values of Art-Net port address 1
 * }
 * }</pre>
 */
public final class OlaServer extends ServerProcess {

  private static final Pattern DMX = Pattern.compile("\"dmx\"\\s*:\\s*\\[([0-9,\\s]*)\\]");
  private final int httpPort;
  private final int rpcPort;
  private final List<Integer> artNet;
  private final List<Integer> sacn;
  private final String ip;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private OlaServer(Builder b) {
    super("olad", newWorkDir("olad"));
    this.httpPort = FreePorts.next();
    this.rpcPort = FreePorts.next();
    this.artNet = List.copyOf(b.artNet);
    this.sacn = List.copyOf(b.sacn);
    this.ip = b.ip;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** olad's HTTP port on 127.0.0.1 (its web UI and JSON API). */
  public int httpPort() {
    return httpPort;
  }

  /**
   * The 512 values OLA holds for {@code universe} now (all zeros before any data arrived; OLA
   * keeps the last values of a source it lost).
   */
  public int[] dmx(int universe) {
    String body = get("/get_dmx?u=" + universe);
    Matcher m = DMX.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("olad answered /get_dmx with " + body);
    }
    int[] out = new int[512];
    String list = m.group(1).trim();
    if (!list.isEmpty()) {
      String[] parts = list.split(",");
      for (int i = 0; i < parts.length && i < 512; i++) {
        out[i] = Integer.parseInt(parts[i].trim());
      }
    }
    return out;
  }

  /** Channel {@code address} (1..512) of {@code universe} now. */
  public int channel(int universe, int address) {
    return dmx(universe)[address - 1];
  }

  /** olad's JSON answer to {@code path} (e.g. {@code /json/universe_info?id=1}). */
  public String get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected List<String> command() throws IOException {
    Path config = workDir().resolve("config");
    Files.createDirectories(config);
    // olad may run as another user (see the class comment): it must reach its config directory
    Files.setPosixFilePermissions(workDir(), PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwxrwxrwx"));
    writeConfig(config);
    List<String> cmd = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      String user = Files.readAllLines(Path.of("/etc/passwd")).stream()
          .anyMatch(l -> l.startsWith("olad:")) ? "olad" : "nobody";
      cmd.addAll(List.of(executable("util-linux", "/usr/bin/setpriv", "/bin/setpriv"),
          "--reuid=" + user, "--regid=nogroup", "--clear-groups"));
    }
    cmd.addAll(List.of(executable("ola", "/usr/bin/olad"), "--config-dir", config.toString(),
        "--http-port", String.valueOf(httpPort), "--rpc-port", String.valueOf(rpcPort),
        "--no-register-with-dns-sd", "-l", "3"));
    return cmd;
  }

  private void writeConfig(Path config) throws IOException {
    // Every plugin olad knows is named here so that only Art-Net and E1.31 start.
    for (String plugin : List.of("dummy", "espnet", "ftdidmx", "gpio", "karate", "kinet",
        "milinst", "opendmx", "openpixelcontrol", "osc", "pathport", "renard", "sandnet",
        "shownet", "spi", "stageprofi", "uartdmx", "usbdmx", "usbserial", "dmx4linux")) {
      Files.writeString(config.resolve("ola-" + plugin + ".conf"), "enabled = false\n");
    }
    Files.writeString(config.resolve("ola-artnet.conf"), "enabled = true\nip = " + ip + "\n"
        + "use_loopback = true\nnet = 0\nsubnet = 0\noutput_ports = 0\n");
    Files.writeString(config.resolve("ola-e131.conf"), "enabled = true\nip = " + ip + "\n"
        + "input_ports = " + Math.max(1, sacn.size()) + "\noutput_ports = 0\n"
        + "ignore_preview = true\n");
    StringBuilder ports = new StringBuilder();
    for (int i = 0; i < artNet.size(); i++) {
      ports.append("2-1-I-").append(i).append(" = ").append(artNet.get(i)).append('\n');
    }
    for (int i = 0; i < sacn.size(); i++) {
      ports.append("11-1-I-").append(i).append(" = ").append(sacn.get(i)).append('\n');
    }
    Files.writeString(config.resolve("ola-port.conf"), ports.toString());
    try (Stream<Path> files = Files.list(config)) {
      for (Path f : files.toList()) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
      }
    }
  }

  @Override
  protected void awaitReady(Duration timeout) {
    awaitTcp(httpPort, timeout);
    List<Integer> all = new ArrayList<>(artNet);
    all.addAll(sacn);
    for (int u : all) {
      await("olad patched universe " + u).atMost(timeout).pollInterval(Duration.ofMillis(100))
          .pollInSameThread()
          .until(() -> get("/json/universe_info?id=" + u).contains("\"input_ports\": [\n    {")
              || get("/json/universe_info?id=" + u).replaceAll("\\s", "").contains("\"input_ports\":[{"));
    }
  }

  @Override
  public String toString() {
    return "olad http 127.0.0.1:" + httpPort + " (DMX on " + ip + ") in " + workDir();
  }

  /** Which universes olad listens to; at least one. */
  public static final class Builder {
    private final List<Integer> artNet = new ArrayList<>();
    private final List<Integer> sacn = new ArrayList<>();
    private String ip = "127.0.0.1";

    private Builder() {}

    /**
     * The IPv4 address of the interface olad's Art-Net and E1.31 plugins use (its {@code ip}
     * config key): where the E1.31 plugin joins the universes' multicast groups and the Art-Net
     * plugin takes broadcasts. Default 127.0.0.1; a multicast or broadcast test gives the
     * address of the interface the kernel sends those on (loopback has no route for either).
     */
    public Builder ip(String address) {
      this.ip = java.util.Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Listens to Art-Net port address {@code universe} (0..15: net 0, sub-net 0) as OLA universe
     * {@code universe}; at most 4.
     */
    public Builder artNet(int universe) {
      if (universe < 0 || universe > 15 || artNet.size() == 4 || sacn.contains(universe)) {
        throw new IllegalArgumentException("Art-Net universes 0..15, at most 4, none also sACN");
      }
      artNet.add(universe);
      return this;
    }

    /** Listens to sACN universe {@code universe} (1..63999) as OLA universe {@code universe}. */
    public Builder sacn(int universe) {
      if (universe < 1 || universe > 63999 || sacn.size() == 8 || artNet.contains(universe)) {
        throw new IllegalArgumentException("sACN universes 1..63999, at most 8, none also Art-Net");
      }
      sacn.add(universe);
      return this;
    }

    public OlaServer build() {
      if (artNet.isEmpty() && sacn.isEmpty()) {
        throw new IllegalStateException("olad needs at least one universe to listen to");
      }
      return new OlaServer(this);
    }
  }
}
