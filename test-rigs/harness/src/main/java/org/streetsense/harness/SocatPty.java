package org.streetsense.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A pseudo-terminal pair made by Debian's {@code socat}: two symlinks, {@link #hostEnd()} and
 * {@link #boardEnd()}, whose ptys are joined like a USB serial cable. Open each end by path (for
 * example with jSerialComm).
 *
 * <p>{@link #kill()} (or {@link #unplug()}) pulls the cable: both ptys vanish and readers on them
 * fail. {@link #start()} (or {@link #replug()}) plugs it back in on the same link paths, with fresh
 * ptys behind them, as a USB device reappears under the same {@code /dev/serial/by-id} name.
 */
public final class SocatPty extends ServerProcess {

  private final Path hostEnd;
  private final Path boardEnd;

  public SocatPty() {
    this(newWorkDir("socat"));
  }

  public SocatPty(Path workDir) {
    super("socat", workDir);
    this.hostEnd = workDir.resolve("host").toAbsolutePath();
    this.boardEnd = workDir.resolve("board").toAbsolutePath();
  }

  /** The end the gateway side opens. */
  public Path hostEnd() {
    return hostEnd;
  }

  /** The end a (simulated) board opens. */
  public Path boardEnd() {
    return boardEnd;
  }

  /** Kills socat: both ends disappear, as when the USB cable is pulled. */
  public void unplug() {
    kill();
  }

  /** Starts socat again on the same link paths. */
  public void replug() {
    start();
  }

  @Override
  protected List<String> command() throws IOException {
    // socat refuses nothing, but a stale link left by a killed socat must not look ready
    Files.deleteIfExists(hostEnd);
    Files.deleteIfExists(boardEnd);
    return List.of(executable("socat", "/usr/bin/socat", "/usr/local/bin/socat"), "-d", "-d",
        "pty,raw,echo=0,link=" + hostEnd, "pty,raw,echo=0,link=" + boardEnd);
  }

  @Override
  protected void awaitReady(Duration timeout) {
    await("socat pty links " + hostEnd + " and " + boardEnd)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        // start() holds this object's lock while waiting: poll on this thread, or the
        // synchronized isRunning() below would block until the timeout
        .pollInSameThread()
        .until(() -> {
          if (!isRunning()) {
            throw new IllegalStateException("socat exited");
          }
          return Files.exists(hostEnd) && Files.exists(boardEnd);
        });
  }
}
