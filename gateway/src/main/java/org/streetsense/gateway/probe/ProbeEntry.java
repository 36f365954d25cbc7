package org.streetsense.gateway.probe;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of a {@link ProbeReport}.
 *
 * @param status how the bus compares with the installation file
 * @param bus I2C bus
 * @param address 7-bit address
 * @param expected the declared device at this address, if any
 * @param found what answered there, if anything
 * @param message a sentence for a technician
 */
public record ProbeEntry(
    Status status,
    int bus,
    int address,
    Optional<ExpectedDevice> expected,
    Optional<ChipIdentity> found,
    String message) {

  public enum Status {
    /** The declared chip answers and identifies itself. */
    FOUND,
    /** Nothing answers where a device is declared. */
    MISSING,
    /** Something answers where nothing is declared. */
    UNEXPECTED,
    /** Something answers where a device is declared, but it is not that chip. */
    MISMATCH
  }

  public ProbeEntry {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(found, "found");
    Objects.requireNonNull(message, "message");
  }
}
