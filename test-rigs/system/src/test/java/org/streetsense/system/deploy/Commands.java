package org.streetsense.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command line to completion, output captured to a file (it can be long: apt). */
final class Commands {

  /** Exit code and combined output of one command. */
  record Result(List<String> command, int exitCode, String output) {
    Result requireSuccess() {
      if (exitCode != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode
            + ":\n" + output);
      }
      return this;
    }
  }

  private Commands() {}

  static Result run(List<String> command, Map<String, String> env, Duration timeout) {
    try {
      Path log = Files.createTempFile("command-", ".log");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new IllegalStateException(String.join(" ", command) + " did not finish within "
              + timeout + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(command, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  static Result run(String... command) {
    return run(List.of(command), Map.of(), Duration.ofMinutes(5));
  }
}
