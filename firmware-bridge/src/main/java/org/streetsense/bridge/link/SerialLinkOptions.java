package org.streetsense.bridge.link;

import java.util.Objects;

/**
 * Immutable options for a {@link SerialLink}.
 *
 * @param path the port path; prefer {@code /dev/serial/by-id/...}, which is stable across replug
 * @param baudRate line speed in bits per second (StandardFirmata: 57600)
 */
public record SerialLinkOptions(String path, int baudRate) {

  public SerialLinkOptions {
    Objects.requireNonNull(path, "path");
    if (path.isBlank()) {
      throw new IllegalArgumentException("path must not be blank");
    }
    if (baudRate < 300 || baudRate > 4_000_000) {
      throw new IllegalArgumentException("baudRate must be 300..4000000, was " + baudRate);
    }
  }
}
