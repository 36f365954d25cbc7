package org.streetsense.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Figures read from Linux {@code /proc}: bytes a process caused to be written to storage
 * ({@code io: write_bytes}), resident memory and thread count ({@code status}), CPU ticks
 * ({@code stat}). Throws {@link IOException} where the file or field is missing.
 */
public final class ProcFiles {

  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  public static final double TICKS_PER_SECOND = 100.0;

  private ProcFiles() {}

  /** {@code write_bytes} of {@code /proc/<pid>/io}: bytes sent to the block layer. */
  public static long writeBytes(String pid) throws IOException {
    return field(Path.of("/proc", pid, "io"), "write_bytes:");
  }

  /** {@code VmRSS} in kB. */
  public static long rssKb(long pid) throws IOException {
    return field(Path.of("/proc", String.valueOf(pid), "status"), "VmRSS:");
  }

  /** {@code Threads} of {@code /proc/<pid>/status}. */
  public static long threads(long pid) throws IOException {
    return field(Path.of("/proc", String.valueOf(pid), "status"), "Threads:");
  }

  /** utime + stime in clock ticks. */
  public static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    // fields after the command name, which is in parentheses and may contain spaces
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static long field(Path file, String name) throws IOException {
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith(name)) {
        return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IOException("no " + name + " in " + file);
  }
}
