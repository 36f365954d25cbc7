package org.streetsense.gateway.hardware.simulated;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * One simulated SPI bus: chip-select lines mapped to chip models. Transfers are serialised per
 * bus. A transfer on a chip select with no chip fails with
 * {@link HardwareIoException.Kind#UNAVAILABLE}, naming the spidev node a Pi would lack.
 *
 * <p>Thread-safe.
 */
public final class SimulatedSpiBus {

  private final int number;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Map<Integer, SimulatedSpiChip> chips = new TreeMap<>();

  SimulatedSpiBus(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /** Attaches a chip model on {@code chipSelect}, replacing any chip there. */
  public void attach(int chipSelect, SimulatedSpiChip chip) {
    checkChipSelect(chipSelect);
    Objects.requireNonNull(chip, "chip");
    lock.lock();
    try {
      chips.put(chipSelect, chip);
    } finally {
      lock.unlock();
    }
  }

  /** Removes the chip on {@code chipSelect}; returns it or null. */
  public SimulatedSpiChip detach(int chipSelect) {
    checkChipSelect(chipSelect);
    lock.lock();
    try {
      return chips.remove(chipSelect);
    } finally {
      lock.unlock();
    }
  }

  /**
   * One full-duplex transfer on {@code chipSelect}.
   *
   * @return as many bytes as {@code tx}
   */
  public byte[] transfer(int chipSelect, byte[] tx) throws HardwareIoException {
    checkChipSelect(chipSelect);
    Objects.requireNonNull(tx, "tx");
    lock.lock();
    try {
      SimulatedSpiChip chip = chips.get(chipSelect);
      if (chip == null) {
        throw new HardwareIoException(
            HardwareIoException.Kind.UNAVAILABLE,
            String.format(
                "spi-%d: nothing on chip select %d (/dev/spidev%d.%d has no device)",
                number, chipSelect, number, chipSelect));
      }
      byte[] rx = chip.transfer(tx.clone());
      if (rx == null || rx.length != tx.length) {
        throw new HardwareIoException(
            HardwareIoException.Kind.OTHER,
            String.format(
                "spi-%d.%d: chip model returned %s bytes for a %d-byte transfer",
                number, chipSelect, rx == null ? "no" : String.valueOf(rx.length), tx.length));
      }
      return rx;
    } finally {
      lock.unlock();
    }
  }

  private static void checkChipSelect(int chipSelect) {
    if (chipSelect < 0) {
      throw new IllegalArgumentException("chipSelect must be >= 0, was " + chipSelect);
    }
  }
}
