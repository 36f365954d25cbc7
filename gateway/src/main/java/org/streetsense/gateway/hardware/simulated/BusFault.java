package org.streetsense.gateway.hardware.simulated;

import java.util.Objects;

/**
 * A fault injected on one address of a {@link SimulatedI2cBus}, as street hardware produces them:
 * a device that stops acknowledging (loose wire, brown-out), a transaction that hangs (a chip
 * holding SDA low), or a device unplugged altogether.
 *
 * @param kind what the bus does to transactions on the faulty address
 * @param transactions how many further transactions fail before the fault clears itself, or
 *     {@link #UNTIL_CLEARED}
 */
public record BusFault(Kind kind, int transactions) {

  /** Marks a fault that lasts until {@link SimulatedI2cBus#clearFault(int)}. */
  public static final int UNTIL_CLEARED = -1;

  /** What the faulty address does. */
  public enum Kind {
    /** Transactions fail with {@code HardwareIoException.Kind.NACK}; the chip keeps its state. */
    NACK,
    /** Transactions fail with {@code HardwareIoException.Kind.TIMEOUT}; the chip keeps its state. */
    TIMEOUT,
    /**
     * The device is gone: NACK on every transaction and absent from scans until cleared; on
     * plug-back a chip implementing {@link PowerCycled} is powered up afresh.
     */
    UNPLUGGED
  }

  public BusFault {
    Objects.requireNonNull(kind, "kind");
    if (transactions == 0 || transactions < UNTIL_CLEARED) {
      throw new IllegalArgumentException(
          "transactions must be >= 1 or UNTIL_CLEARED (-1), was " + transactions);
    }
    if (kind == Kind.UNPLUGGED && transactions != UNTIL_CLEARED) {
      throw new IllegalArgumentException("an UNPLUGGED fault lasts until cleared (plug-back)");
    }
  }

  /** The next {@code transactions} transactions are not acknowledged. */
  public static BusFault nack(int transactions) {
    return new BusFault(Kind.NACK, transactions);
  }

  /** No transaction is acknowledged until the fault is cleared. */
  public static BusFault nackUntilCleared() {
    return new BusFault(Kind.NACK, UNTIL_CLEARED);
  }

  /** The next {@code transactions} transactions time out. */
  public static BusFault timeout(int transactions) {
    return new BusFault(Kind.TIMEOUT, transactions);
  }

  /** Every transaction times out until the fault is cleared. */
  public static BusFault timeoutUntilCleared() {
    return new BusFault(Kind.TIMEOUT, UNTIL_CLEARED);
  }

  /** The device is unplugged until the fault is cleared (plugged back). */
  public static BusFault unplugged() {
    return new BusFault(Kind.UNPLUGGED, UNTIL_CLEARED);
  }

  boolean lastsUntilCleared() {
    return transactions == UNTIL_CLEARED;
  }
}
