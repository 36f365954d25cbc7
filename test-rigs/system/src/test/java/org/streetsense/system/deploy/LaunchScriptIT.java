package org.streetsense.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.MqttTestSubscriber;
import org.streetsense.rigs.ProjectPaths;
import org.streetsense.rigs.process.GatewayProcess;

/**
 * {@code deploy/bin/streetsense-launch}, the unit's {@code ExecStartPre=} and {@code ExecStart=}
 * (decision 0386), run as the unit runs it with this build's jar and the unit's JVM options, and
 * observed from outside: which files it leaves in the archive directory, what the gateway process
 * maps ({@code /proc/<pid>/maps}), and that the gateway publishes whatever state the directory is
 * in. No timing assertions: the start-up gain is a bench row.
 */
@Timeout(300)
class LaunchScriptIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path LAUNCHER = ProjectPaths.root().resolve("deploy/bin/streetsense-launch");

  private static MosquittoServer broker;
  private static MqttTestSubscriber subscriber;
  /** An archive made by the launcher for this jar, JVM and the unit's options, to copy. */
  private static Path madeArchive;

  @TempDir Path tmp;
  /** Where the archive to copy is made, for the whole class. */
  @TempDir static Path shared;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    subscriber = MqttTestSubscriber.connect(broker.url(), "streetsense/v1/+/+/reading");
  }

  @AfterAll
  static void stopBroker() {
    subscriber.close();
    broker.close();
  }

  @Test
  void theFirstStartRecordsItsClassesPrepareMakesTheArchiveAndTheNextStartMapsIt() throws Exception {
    Path cds = tmp.resolve("cds");
    try (GatewayProcess first = startAndAwaitReadings(cds.toString())) {
      assertThat(files(cds, ".classlist")).hasSize(1);
      assertThat(mapsFrom(first, cds)).as("nothing to map yet").isEmpty();
      first.kill(); // as a power cut: the record may end in half a line
    }
    Path list = files(cds, ".classlist").get(0);
    Files.writeString(list, "org/streetsense/gateway/app/Gatew", StandardOpenOption.APPEND);

    Commands.Result prepare = prepare(cds.toString(), Map.of());

    assertThat(prepare.output()).contains("class-data archive made");
    assertThat(files(cds, ".classlist")).isEmpty();
    List<Path> archives = files(cds, ".jsa");
    assertThat(archives).hasSize(1);
    Path archive = archives.get(0);
    assertThat(archive.getFileName().toString())
        .as("the archive's name carries its size").endsWith("-" + Files.size(archive) + ".jsa");
    try (GatewayProcess second = startAndAwaitReadings(cds.toString())) {
      assertThat(mapsFrom(second, cds)).containsExactly(archive.toString());
      assertThat(files(cds, ".classlist")).as("nothing recorded while an archive serves").isEmpty();
      second.stop(Duration.ofSeconds(20));
    }
    assertThat(prepare(cds.toString(), Map.of()).output()).as("nothing left to do").isEmpty();
    assertThat(files(cds, ".jsa")).containsExactly(archive);
  }

  @Test
  void aTruncatedArchiveIsNeverMappedAndPrepareReplacesIt() throws Exception {
    Path cds = Files.createDirectories(tmp.resolve("cds"));
    Path archive = cds.resolve(archive().getFileName());
    Files.copy(archive(), archive);
    truncateToHalf(archive); // a JVM mapping this would die of SIGBUS

    try (GatewayProcess gateway = startAndAwaitReadings(cds.toString())) {
      assertThat(mapsFrom(gateway, cds)).isEmpty();
      assertThat(files(cds, ".classlist")).as("it records anew").hasSize(1);
      gateway.stop(Duration.ofSeconds(20));
    }
    Commands.Result prepare = prepare(cds.toString(), Map.of());

    assertThat(prepare.output()).contains("removed " + archive + " (not a whole archive)")
        .contains("class-data archive made");
    assertThat(files(cds, ".jsa")).hasSize(1).allSatisfy(a ->
        assertThat(a.getFileName().toString()).endsWith("-" + Files.size(a) + ".jsa"));
  }

  @Test
  void aDumpThatFailsLeavesTheGatewayStartingWithoutAnArchiveAndIsRetriedADayLater() throws Exception {
    Path cds = tmp.resolve("cds");
    try (GatewayProcess first = startAndAwaitReadings(cds.toString())) {
      first.stop(Duration.ofSeconds(20));
    }
    Path list = files(cds, ".classlist").get(0);

    Commands.Result prepare = prepare(cds.toString(),
        Map.of("STREETSENSE_CDS_DUMP_TIMEOUT", "0.01"));

    assertThat(prepare.exitCode()).as("a failed dump never fails the unit's start").isZero();
    assertThat(prepare.output()).contains("no class-data archive")
        .contains("the dump took longer than 0.01 s");
    Path failed = Path.of(list + ".failed");
    assertThat(files(cds, "")).containsExactly(failed);
    try (GatewayProcess gateway = startAndAwaitReadings(cds.toString())) {
      assertThat(mapsFrom(gateway, cds)).isEmpty();
      assertThat(files(cds, "")).as("no new record, no second dump at the next start")
          .containsExactly(failed);
      gateway.stop(Duration.ofSeconds(20));
    }
    assertThat(prepare(cds.toString(), Map.of()).output()).isEmpty();
    assertThat(files(cds, "")).as("not tried again the same day").containsExactly(failed);

    Files.setLastModifiedTime(failed, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
    prepare(cds.toString(), Map.of());
    assertThat(files(cds, "")).as("a day later the next start records again").isEmpty();
  }

  @Test
  void aFirstStartThatEndsBeforeTheGatewayRunsLeavesNoArchiveAndTheNextRecordsAgain()
      throws Exception {
    Path cds = tmp.resolve("cds");
    Path dir = Files.createTempDirectory(tmp, "refused-");
    Path refused = Files.writeString(dir.resolve("refused.yaml"),
        Files.readString(installation(dir)).replace("period: 100ms", "period: 1 s"));
    try (GatewayProcess failing = GatewayProcess.startThroughLauncher(dir, cds.toString(),
        "run", "--config", refused.toString())) {
      assertThat(failing.awaitExit(WAIT)).as("the file is refused").isNotZero();
    }
    assertThat(files(cds, ".classlist")).as("that start recorded").hasSize(1);

    Commands.Result prepare = prepare(cds.toString(), Map.of());

    assertThat(prepare.output()).contains("the first start ended before the gateway ran");
    assertThat(files(cds, "")).as("no archive of a fraction of the classes").isEmpty();
    // an empty record (a power cut before the first write reached the card) is no better
    Files.createDirectories(cds);
    Path empty = Files.createFile(cds.resolve("streetsense-" + idOfArchive() + ".classlist"));
    assertThat(prepare(cds.toString(), Map.of()).output())
        .contains("the first start ended before the gateway ran");
    assertThat(empty).doesNotExist();
    try (GatewayProcess gateway = startAndAwaitReadings(cds.toString())) {
      assertThat(files(cds, ".classlist")).as("recorded again").hasSize(1);
      gateway.stop(Duration.ofSeconds(20));
    }
    assertThat(prepare(cds.toString(), Map.of()).output()).contains("class-data archive made");
  }

  @Test
  void anArchiveTheJvmWouldRefuseIsNeverNamedAndPrepareRemovesIt() throws Exception {
    Path cds = Files.createDirectories(tmp.resolve("cds"));
    Path archive = cds.resolve(archive().getFileName());
    Files.copy(archive(), archive);
    try (var ch = java.nio.channels.FileChannel.open(archive, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap("XXXX".getBytes(StandardCharsets.US_ASCII)), 0);
    }
    // a directory where an archive of this build would be
    Path directory = Files.createDirectories(cds.resolve("streetsense-" + idOfArchive() + "-1.jsa"));
    Files.writeString(directory.resolve("inside"), "x");

    try (GatewayProcess gateway = startAndAwaitReadings(cds.toString())) {
      assertThat(mapsFrom(gateway, cds)).isEmpty();
      assertThat(mapsOfTheJdkArchive(gateway)).as("the JDK's own archive still serves").isTrue();
      gateway.stop(Duration.ofSeconds(20));
    }
    Commands.Result prepare = prepare(cds.toString(), Map.of());

    assertThat(prepare.output()).contains("removed " + archive + " (not a whole archive)")
        .contains("removed " + directory + " (not a whole archive)")
        .contains("class-data archive made");
    assertThat(directory).doesNotExist();
  }

  @Test
  void onAReadOnlyDirectoryPrepareNeitherDumpsNorRetriesAtEveryStart() throws Exception {
    Path cds = Files.createDirectories(tmp.resolve("ro-cds"));
    Commands.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", cds.toString()).requireSuccess();
    try {
      Files.writeString(cds.resolve("streetsense-" + idOfArchive() + ".classlist"),
          "java/lang/Object\norg/streetsense/gateway/app/UplinkStatusRefresher\n");
      Commands.run("mount", "-o", "remount,ro", cds.toString()).requireSuccess();
      for (int start = 0; start < 2; start++) {
        Commands.Result prepare = prepare(cds.toString(), Map.of());
        assertThat(prepare.output()).as("start %d", start)
            .isEqualTo("streetsense-launch: cannot write in " + cds + ": no class-data archive\n");
      }
      try (GatewayProcess gateway = startAndAwaitReadings(cds.toString())) {
        assertThat(mapsFrom(gateway, cds)).isEmpty();
        gateway.stop(Duration.ofSeconds(20));
      }
    } finally {
      Commands.run("umount", cds.toString()).requireSuccess();
    }
  }

  /** The id part of the archive's name for this build (the launcher's checksum). */
  private static String idOfArchive() throws Exception {
    String name = archive().getFileName().toString();
    return name.substring("streetsense-".length(), name.lastIndexOf('-'));
  }

  private static boolean mapsOfTheJdkArchive(GatewayProcess gateway) throws IOException {
    return Files.readAllLines(Path.of("/proc", String.valueOf(gateway.pid()), "maps"),
        StandardCharsets.UTF_8).stream().anyMatch(l -> l.endsWith("/lib/server/classes.jsa"));
  }

  @Test
  void otherJvmOptionsMakeTheArchiveStaleAndPrepareRemovesIt() throws Exception {
    Path cds = Files.createDirectories(tmp.resolve("cds"));
    Path archive = cds.resolve(archive().getFileName());
    Files.copy(archive(), archive);
    Map<String, String> otherOptions = Map.of("STREETSENSE_JAVA_OPTS",
        String.join(" ", GatewayProcess.unitJvmOptions()) + " -Xss1m");

    Commands.Result prepare = prepare(cds.toString(), otherOptions);

    assertThat(prepare.exitCode()).isZero();
    assertThat(files(cds, "")).as("the archive of the old options is gone").isEmpty();
  }

  @Test
  void anEmptyArchiveDirectorySettingStartsThePlainJvm() throws Exception {
    try (GatewayProcess gateway = startAndAwaitReadings("")) {
      assertThat(mapsFrom(gateway, tmp)).isEmpty();
      assertThat(gateway.stdout() + gateway.stderr()).doesNotContain("streetsense-launch");
      gateway.stop(Duration.ofSeconds(20));
    }
    assertThat(prepare("", Map.of()).output()).isEmpty();
  }

  @Test
  void aJvmThatCrashesOnADamagedArchiveCostsOneCrashAndTheNextStartRecordsAnew() throws Exception {
    Path cds = Files.createDirectories(tmp.resolve("cds"));
    Path archive = cds.resolve(archive().getFileName());
    Files.copy(archive(), archive);
    overwriteASlice(archive); // its size still right: only a crash tells

    Path dir = Files.createTempDirectory(tmp, "crashing-");
    int exit;
    try (GatewayProcess crashing = GatewayProcess.startThroughLauncher(dir, cds.toString(),
        "run", "--config", installation(dir).toString())) {
      exit = crashing.awaitExit(WAIT);
    }
    assertThat(exit).as("the JVM aborts (SIGABRT) on the damaged archive").isEqualTo(128 + 6);
    for (Map<String, String> notACrash : List.of(
        Map.of("SERVICE_RESULT", "signal", "EXIT_CODE", "killed", "EXIT_STATUS", "KILL"),
        Map.of("SERVICE_RESULT", "watchdog", "EXIT_CODE", "killed", "EXIT_STATUS", "ABRT"),
        Map.of("SERVICE_RESULT", "exit-code", "EXIT_CODE", "exited", "EXIT_STATUS", "3"))) {
      assertThat(stopped(cds, notACrash).output()).isEmpty();
      assertThat(archive).as("kept after %s", notACrash).exists();
    }

    // what systemd gives ExecStopPost= after that exit
    Commands.Result stopped = stopped(cds,
        Map.of("SERVICE_RESULT", "signal", "EXIT_CODE", "killed", "EXIT_STATUS", "ABRT"));

    assertThat(stopped.output()).contains("ended on SIGABRT while mapping " + archive);
    assertThat(files(cds, ".jsa")).isEmpty();
    try (GatewayProcess gateway = startAndAwaitReadings(cds.toString())) {
      assertThat(mapsFrom(gateway, cds)).isEmpty();
      assertThat(files(cds, ".classlist")).as("recorded anew").hasSize(1);
      gateway.stop(Duration.ofSeconds(20));
    }
    prepare(cds.toString(), Map.of());
    assertThat(files(cds, "")).as("the damaged archive removed, a new one made").hasSize(1)
        .allSatisfy(a -> assertThat(a.getFileName().toString()).endsWith(".jsa"));
  }

  @Test
  void deployMdsCommandsListTheArchiveAndStartAfresh() throws Exception {
    Path cds = Files.createDirectories(tmp.resolve("cds"));
    Path archive = cds.resolve(archive().getFileName());
    Files.copy(archive(), archive);
    List<String> block = documentedCommands();
    assertThat(block).hasSize(2);

    Commands.Result ls = Commands.run("sh", "-c", onThisMachine(block.get(0), cds));
    assertThat(ls.exitCode()).as(ls.output()).isZero();
    assertThat(ls.output()).contains(archive.getFileName().toString());

    // the second line: its rm as written, its restart a start through the launcher
    String[] removeThenRestart = block.get(1).split(" && ");
    assertThat(removeThenRestart).hasSize(2);
    assertThat(removeThenRestart[1]).isEqualTo("sudo systemctl restart streetsense");
    Commands.Result rm = Commands.run("sh", "-c", onThisMachine(removeThenRestart[0], cds));
    assertThat(rm.exitCode()).as(rm.output()).isZero();
    assertThat(cds).doesNotExist();
    try (GatewayProcess gateway = startAndAwaitReadings(cds.toString())) {
      assertThat(files(cds, ".classlist")).as("recorded afresh").hasSize(1);
      gateway.stop(Duration.ofSeconds(20));
    }
  }

  /** The command block of deploy.md's "Start-up and the class-data archive". */
  private static List<String> documentedCommands() throws IOException {
    String doc = Files.readString(ProjectPaths.root().resolve("docs/deploy.md"));
    int section = doc.indexOf("### Start-up and the class-data archive");
    assertThat(section).as("deploy.md has the section").isNotNegative();
    int open = doc.indexOf("```\n", section) + 4;
    int close = doc.indexOf("```", open);
    return doc.substring(open, close).lines().filter(l -> !l.isBlank()).toList();
  }

  /** A documented line with the archive directory here, run as root (tests run as root). */
  private static String onThisMachine(String line, Path cds) {
    return line.replace("/var/lib/streetsense/cds", cds.toString()).replace("sudo ", "");
  }

  /** The archive the launcher makes for this build (made once, by a record and a prepare). */
  private static synchronized Path archive() throws Exception {
    if (madeArchive == null) {
      Path cds = shared.resolve("fixture-cds");
      try (GatewayProcess first = startAndAwaitReadings(shared, cds.toString())) {
        first.stop(Duration.ofSeconds(20));
      }
      prepare(cds.toString(), Map.of()).requireSuccess();
      madeArchive = files(cds, ".jsa").get(0);
    }
    return madeArchive;
  }

  private GatewayProcess startAndAwaitReadings(String cdsDir) throws IOException {
    return startAndAwaitReadings(tmp, cdsDir);
  }

  private static GatewayProcess startAndAwaitReadings(Path home, String cdsDir) throws IOException {
    Path dir = Files.createTempDirectory(home, "gateway-");
    String id = idOf(dir);
    GatewayProcess gateway = GatewayProcess.startThroughLauncher(dir, cdsDir, "run", "--config",
        installation(dir).toString());
    try {
      subscriber.awaitMessage(m -> m.topic().startsWith("streetsense/v1/" + id + "/"), WAIT);
    } catch (RuntimeException e) {
      String state = gateway.isAlive() ? "still running" : "exited with " + gateway.exitCode();
      gateway.close();
      throw new AssertionError("the gateway started by the launcher published nothing ("
          + state + "):\n" + gateway.stdout() + "\n" + gateway.stderr(), e);
    }
    return gateway;
  }

  private static String idOf(Path dir) {
    return "launch" + dir.getFileName().toString().replaceAll("[^0-9]", "");
  }

  /** A simulated light sensor publishing to the broker every 100 ms, its spool in {@code dir}. */
  private static Path installation(Path dir) throws IOException {
    String id = idOf(dir);
    return Files.writeString(dir.resolve("installation.yaml"), """
        installation: %s
        site: Launch script check
        hardware: {backend: simulated, seed: 5}
        devices:
          - {id: light, driver: bh1750, address: 0x23, period: 100ms}
        uplink:
          mqtt: {url: "%s"}
        spool: {dir: %s}
        http: {host: 127.0.0.1, port: %d}
        """.formatted(id, broker.url(), dir.resolve("spool"), FreePorts.next()));
  }

  private static Commands.Result prepare(String cdsDir, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(GatewayProcess.launcherEnvironment(cdsDir));
    env.putAll(overrides);
    return Commands.run(List.of("sh", LAUNCHER.toString(), "prepare"), env, Duration.ofMinutes(3))
        .requireSuccess();
  }

  /** {@code streetsense-launch stopped} with what systemd gives {@code ExecStopPost=}. */
  private static Commands.Result stopped(Path cds, Map<String, String> howItEnded) {
    Map<String, String> env = new HashMap<>(GatewayProcess.launcherEnvironment(cds.toString()));
    env.putAll(howItEnded);
    return Commands.run(List.of("sh", LAUNCHER.toString(), "stopped"), env, Duration.ofMinutes(1))
        .requireSuccess();
  }

  /** Overwrites the archive's second tenth with filler, keeping its size. */
  private static void overwriteASlice(Path archive) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(archive, StandardOpenOption.WRITE)) {
      long size = ch.size();
      java.nio.ByteBuffer filler = java.nio.ByteBuffer.allocate((int) (size / 10));
      java.util.Arrays.fill(filler.array(), (byte) 'U');
      ch.write(filler, size / 10);
    }
  }

  /** Files the gateway process maps from under {@code dir} ({@code /proc/<pid>/maps}). */
  private static List<String> mapsFrom(GatewayProcess gateway, Path dir) throws IOException {
    String prefix = dir.toRealPath().toString() + "/";
    List<String> mapped = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(gateway.pid()), "maps"),
        StandardCharsets.UTF_8)) {
      int at = line.indexOf(prefix);
      if (at >= 0 && !mapped.contains(line.substring(at))) {
        mapped.add(line.substring(at));
      }
    }
    return mapped;
  }

  /** Files in {@code dir} whose names end with {@code suffix}, sorted (none if it is missing). */
  private static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static void truncateToHalf(Path file) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
  }
}
