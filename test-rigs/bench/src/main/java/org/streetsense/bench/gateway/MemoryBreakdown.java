package org.streetsense.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a gateway JVM's memory goes, from two sources read at the end of a footprint run: the
 * JVM's Native Memory Tracking summary ({@code jcmd <pid> VM.native_memory summary}, with the
 * child started with {@code -XX:NativeMemoryTracking=summary}) by category, and the classes it
 * loaded ({@code -Xlog:class+load} to a file) counted per library. Pure parsing; the run is
 * {@link Footprint}'s.
 */
public final class MemoryBreakdown {

  /** JVM options that make a footprint run produce what {@link #of} reads. */
  public static List<String> jvmOptions(Path classLog) {
    return List.of("-XX:NativeMemoryTracking=summary",
        "-Xlog:class+load=info:file=" + classLog);
  }

  /** The jcmd command whose output {@link #nmtCommittedKb} parses. */
  public static final String NMT_COMMAND = "VM.native_memory summary";

  private static final Pattern CATEGORY =
      Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
  private static final Pattern TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
  private static final Pattern CLASS_LINE = Pattern.compile("\\[class,load\\] (\\S+) ");

  /**
   * Libraries by package prefix, in the order they are reported; the first matching prefix
   * counts. Classes matching none count as "other".
   */
  private static final Map<String, List<String>> LIBRARIES = libraries();

  private MemoryBreakdown() {}

  private static Map<String, List<String>> libraries() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("JDK", List.of("java.", "javax.", "jdk.", "sun.", "com.sun."));
    m.put("Streetsense", List.of("org.streetsense."));
    m.put("Jackson", List.of("com.fasterxml.jackson."));
    m.put("Netty", List.of("io.netty."));
    m.put("Vert.x", List.of("io.vertx."));
    m.put("Micrometer + Prometheus", List.of("io.micrometer.", "io.prometheus."));
    m.put("picocli", List.of("picocli."));
    m.put("Moquette (demo broker)", List.of("io.moquette."));
    m.put("Paho MQTT", List.of("org.eclipse.paho."));
    m.put("SnakeYAML", List.of("org.yaml.snakeyaml."));
    m.put("InfluxDB client (OkHttp, Retrofit, RxJava)",
        List.of("com.influxdb.", "okhttp3.", "okio.", "retrofit2.", "io.reactivex."));
    m.put("Pi4J", List.of("com.pi4j."));
    m.put("jSerialComm", List.of("com.fazecast."));
    return m;
  }

  /** Committed KiB per NMT category ({@code Java Heap}, {@code Metaspace}, ...), plus "Total". */
  public static Map<String, Long> nmtCommittedKb(String nmtSummary) {
    Map<String, Long> out = new LinkedHashMap<>();
    Matcher t = TOTAL.matcher(nmtSummary);
    if (t.find()) {
      out.put("Total", Long.parseLong(t.group(1)));
    }
    Matcher m = CATEGORY.matcher(nmtSummary);
    while (m.find()) {
      out.put(m.group(1).trim(), Long.parseLong(m.group(2)));
    }
    return out;
  }

  /** Loaded classes per library (every library listed, 0 if none), then "other". */
  public static Map<String, Integer> classesPerLibrary(List<String> classLoadLog) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    LIBRARIES.keySet().forEach(k -> counts.put(k, 0));
    counts.put("other", 0);
    for (String line : classLoadLog) {
      Matcher m = CLASS_LINE.matcher(line);
      if (m.find()) {
        counts.merge(library(m.group(1)), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Reads the class-load log written by the child; empty if missing. */
  public static List<String> readLog(Path classLog) throws IOException {
    return Files.exists(classLog) ? Files.readAllLines(classLog) : new ArrayList<>();
  }

  static String library(String className) {
    for (Map.Entry<String, List<String>> e : LIBRARIES.entrySet()) {
      for (String prefix : e.getValue()) {
        if (className.startsWith(prefix)) {
          return e.getKey();
        }
      }
    }
    return "other";
  }
}
