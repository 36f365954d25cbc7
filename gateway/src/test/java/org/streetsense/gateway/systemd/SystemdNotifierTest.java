package org.streetsense.gateway.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the notifier against a fake {@code systemd-notify} that records its arguments. */
class SystemdNotifierTest {

  @TempDir Path dir;
  private Path calls;
  private Path fake;
  private SystemdNotifier notifier;

  @BeforeEach
  void writeFakeSystemdNotify() throws IOException {
    calls = dir.resolve("calls");
    fake = dir.resolve("systemd-notify");
    Files.writeString(fake, "#!/bin/sh\n"
        + "echo \"socket=$NOTIFY_SOCKET $*\" >> '" + calls + "'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void close() {
    if (notifier != null) {
      notifier.close();
    }
  }

  @Test
  void doesNothingWhenNotUnderSystemd() throws Exception {
    notifier = create(Map.of("WATCHDOG_USEC", "100000"), LivenessProbe.ALWAYS_ALIVE);

    assertThat(notifier.enabled()).isFalse();
    assertThat(notifier.ready("up").get(5, TimeUnit.SECONDS)).isFalse();
    assertThat(notifier.status("x").get(5, TimeUnit.SECONDS)).isFalse();
    assertThat(notifier.stopping("bye").get(5, TimeUnit.SECONDS)).isFalse();
    assertThat(notifier.watchdogTimeout()).isEmpty();
    assertThat(calls).doesNotExist();
  }

  @Test
  void sendsReadyWithStatusAndMainPidThroughTheNotifySocket() throws Exception {
    notifier = create(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"), LivenessProbe.ALWAYS_ALIVE);

    assertThat(notifier.ready("publishing 3 devices").get(5, TimeUnit.SECONDS)).isTrue();

    assertThat(Files.readAllLines(calls)).containsExactly("socket=/run/systemd/notify READY=1 "
        + "MAINPID=" + ProcessHandle.current().pid() + " STATUS=publishing 3 devices");
  }

  @Test
  void sendsStatusAndStoppingInCallOrder() throws Exception {
    notifier = create(Map.of("NOTIFY_SOCKET", "@abstract"), LivenessProbe.ALWAYS_ALIVE);

    notifier.status("spool 12 MB");
    notifier.stopping("shutting down").get(5, TimeUnit.SECONDS);

    assertThat(Files.readAllLines(calls)).containsExactly(
        "socket=@abstract STATUS=spool 12 MB",
        "socket=@abstract STOPPING=1 STATUS=shutting down");
  }

  @Test
  void sendsKeepAlivesAtHalfTheWatchdogTimeout() throws Exception {
    notifier = create(Map.of("NOTIFY_SOCKET", "/run/n", "WATCHDOG_USEC", "300000"),
        LivenessProbe.ALWAYS_ALIVE);

    assertThat(notifier.watchdogTimeout()).contains(Duration.ofMillis(300));
    assertThat(notifier.keepAliveInterval()).contains(Duration.ofMillis(150));
    notifier.ready(null).get(5, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(10)).until(() -> count("WATCHDOG=1") >= 3);
  }

  @Test
  void sendsNoKeepAliveWhileTheLivenessProbeFails() throws Exception {
    AtomicInteger probes = new AtomicInteger();
    notifier = create(Map.of("NOTIFY_SOCKET", "/run/n", "WATCHDOG_USEC", "100000"), () -> {
      probes.incrementAndGet();
      return CompletableFuture.failedFuture(new IllegalStateException("event loop blocked"));
    });
    notifier.startWatchdog();

    await().atMost(Duration.ofSeconds(10)).until(() -> probes.get() >= 3);
    notifier.status("probe checked").get(5, TimeUnit.SECONDS);

    assertThat(Files.readAllLines(calls)).containsExactly("socket=/run/n STATUS=probe checked");
  }

  @Test
  void sendsNoKeepAliveWhileTheLivenessProbeHangs() throws Exception {
    AtomicInteger probes = new AtomicInteger();
    notifier = create(Map.of("NOTIFY_SOCKET", "/run/n", "WATCHDOG_USEC", "100000"), () -> {
      probes.incrementAndGet();
      return new CompletableFuture<>();
    });
    notifier.startWatchdog();

    await().atMost(Duration.ofSeconds(10)).until(() -> probes.get() >= 3);
    notifier.status("probe checked").get(5, TimeUnit.SECONDS);

    assertThat(Files.readAllLines(calls)).containsExactly("socket=/run/n STATUS=probe checked");
  }

  @Test
  void ignoresAWatchdogMeantForAnotherProcess() {
    notifier = create(Map.of("NOTIFY_SOCKET", "/run/n", "WATCHDOG_USEC", "100000",
        "WATCHDOG_PID", "1"), LivenessProbe.ALWAYS_ALIVE);

    assertThat(notifier.enabled()).isTrue();
    assertThat(notifier.watchdogTimeout()).isEmpty();
  }

  @Test
  void ignoresAMalformedWatchdogTimeout() {
    notifier = create(Map.of("NOTIFY_SOCKET", "/run/n", "WATCHDOG_USEC", "soon"),
        LivenessProbe.ALWAYS_ALIVE);

    assertThat(notifier.watchdogTimeout()).isEmpty();
  }

  @Test
  void failsTheFutureWithTheOutputOfAFailingSystemdNotify() throws IOException {
    Files.writeString(fake, "#!/bin/sh\necho 'Failed to notify init system: Permission denied'\n"
        + "exit 1\n");
    notifier = create(Map.of("NOTIFY_SOCKET", "/run/n"), LivenessProbe.ALWAYS_ALIVE);

    assertThatThrownBy(() -> notifier.ready("up").get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(SystemdNotifyException.class)
        .hasMessageContaining("exited with 1")
        .hasMessageContaining("Permission denied");
  }

  @Test
  void failsTheFutureNamingThePackageWhenSystemdNotifyIsMissing() {
    notifier = SystemdNotifier.create(SystemdNotifierOptions.builder()
        .environment(Map.of("NOTIFY_SOCKET", "/run/n"))
        .executable(dir.resolve("absent").toString())
        .build());

    assertThatThrownBy(() -> notifier.ready("up").get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(SystemdNotifyException.class)
        .hasMessageContaining("Debian package 'systemd'");
  }

  @Test
  void rejectsANonPositiveCommandTimeoutByName() {
    assertThatThrownBy(() -> SystemdNotifierOptions.builder().commandTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commandTimeout");
  }

  @Test
  void completesWithFalseAfterClose() throws Exception {
    notifier = create(Map.of("NOTIFY_SOCKET", "/run/n"), LivenessProbe.ALWAYS_ALIVE);
    notifier.close();

    assertThat(notifier.status("late").get(5, TimeUnit.SECONDS)).isFalse();
  }

  private SystemdNotifier create(Map<String, String> env, LivenessProbe probe) {
    return SystemdNotifier.create(SystemdNotifierOptions.builder()
        .environment(env)
        .executable(fake.toString())
        .livenessProbe(probe)
        .build());
  }

  private long count(String assignment) throws IOException {
    if (!Files.exists(calls)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(calls);
    return lines.stream().filter(l -> l.contains(assignment)).count();
  }
}
