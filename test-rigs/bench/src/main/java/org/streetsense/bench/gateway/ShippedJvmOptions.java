package org.streetsense.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options the gateway ships with: the {@code STREETSENSE_JAVA_OPTS} default of the
 * systemd unit ({@code Environment=STREETSENSE_JAVA_OPTS="..."} in
 * {@code deploy/systemd/streetsense.service}), so the bench measures what runs on a Pi.
 */
public final class ShippedJvmOptions {

  private static final Pattern LINE =
      Pattern.compile("(?m)^Environment=\"?STREETSENSE_JAVA_OPTS=\"?([^\"\\n]*)\"?\\s*$");

  private ShippedJvmOptions() {}

  /**
   * @throws IOException if the unit cannot be read
   * @throws IllegalStateException if it sets no {@code STREETSENSE_JAVA_OPTS}
   */
  public static List<String> fromUnit(Path unit) throws IOException {
    Matcher m = LINE.matcher(Files.readString(unit));
    if (!m.find()) {
      throw new IllegalStateException(unit + " sets no Environment=STREETSENSE_JAVA_OPTS=...");
    }
    return split(m.group(1));
  }

  /** Splits options on blanks (the unit's and {@code --jvm-opts} values hold no quoting). */
  public static List<String> split(String options) {
    return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
