package org.streetsense.gateway.hardware.simulated;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * One simulated I2C bus ({@code i2c-N}): 7-bit addresses mapped to chip models, with bus-level
 * fault injection. Transactions are serialised per bus, as on a real bus with one master.
 *
 * <p>A transaction to an address with no chip fails with {@link HardwareIoException.Kind#NACK},
 * which is what Linux reports as "Remote I/O error" (EREMOTEIO) for a device that does not
 * acknowledge its address. Chip models see raw transactions ({@link SimulatedI2cChip}).
 *
 * <p>Thread-safe. Transaction methods block only while another transaction on the same bus runs.
 */
public final class SimulatedI2cBus {

  private final int number;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Map<Integer, SimulatedI2cChip> chips = new TreeMap<>();
  private final Map<Integer, FaultState> faults = new TreeMap<>();
  private long transactions;
  private boolean gone;

  SimulatedI2cBus(int number) {
    if (number < 0) {
      throw new IllegalArgumentException("bus must be >= 0, was " + number);
    }
    this.number = number;
  }

  public int number() {
    return number;
  }

  /** {@code i2c-N}, as in {@code /dev/i2c-N}. */
  public String name() {
    return "i2c-" + number;
  }

  /**
   * Attaches a chip model at {@code address}, replacing any chip there.
   *
   * @throws IllegalArgumentException if the address is not a 7-bit address 0x00..0x7F
   */
  public void attach(int address, SimulatedI2cChip chip) {
    checkAddress(address);
    Objects.requireNonNull(chip, "chip");
    locked(() -> chips.put(address, chip));
  }

  /** Removes the chip at {@code address} (as if it had never been wired). Returns the chip or null. */
  public SimulatedI2cChip detach(int address) {
    checkAddress(address);
    lock.lock();
    try {
      return chips.remove(address);
    } finally {
      lock.unlock();
    }
  }

  /** The chip attached at {@code address}, or null. */
  public SimulatedI2cChip chipAt(int address) {
    checkAddress(address);
    lock.lock();
    try {
      return chips.get(address);
    } finally {
      lock.unlock();
    }
  }

  /** Injects a fault on {@code address}, replacing any fault there. A chip need not be attached. */
  public void injectFault(int address, BusFault fault) {
    checkAddress(address);
    Objects.requireNonNull(fault, "fault");
    locked(() -> faults.put(address, new FaultState(fault)));
  }

  /**
   * Clears the fault on {@code address}. Clearing an {@link BusFault#unplugged()} fault plugs the
   * device back: a chip implementing {@link PowerCycled} is powered up afresh.
   */
  public void clearFault(int address) {
    checkAddress(address);
    locked(
        () -> {
          FaultState removed = faults.remove(address);
          SimulatedI2cChip chip = chips.get(address);
          if (removed != null
              && removed.fault.kind() == BusFault.Kind.UNPLUGGED
              && chip instanceof PowerCycled powered) {
            powered.onPowerUp();
          }
        });
  }

  /**
   * Takes the whole bus away (a USB I2C adapter pulled, the interface disabled) or gives it back:
   * while gone every transaction fails with {@link HardwareIoException.Kind#BUS_GONE}, as Linux
   * reports ENODEV for a vanished adapter. The chips keep their state.
   */
  public void setGone(boolean gone) {
    locked(() -> this.gone = gone);
  }

  /** The addresses that acknowledge now: attached and not faulty, ascending. */
  public List<Integer> scan() {
    lock.lock();
    try {
      List<Integer> acking = new ArrayList<>();
      for (Integer address : chips.keySet()) {
        if (!gone && !faults.containsKey(address)) {
          acking.add(address);
        }
      }
      return List.copyOf(acking);
    } finally {
      lock.unlock();
    }
  }

  /** Number of transactions the bus has carried, failed ones included. */
  public long transactionCount() {
    lock.lock();
    try {
      return transactions;
    } finally {
      lock.unlock();
    }
  }

  /** One write transaction to {@code address}. */
  public void write(int address, byte[] data) throws HardwareIoException {
    Objects.requireNonNull(data, "data");
    lock.lock();
    try {
      chipFor(address).onWrite(data.clone());
    } finally {
      lock.unlock();
    }
  }

  /** One read transaction from {@code address} filling {@code buffer}. */
  public void read(int address, byte[] buffer) throws HardwareIoException {
    Objects.requireNonNull(buffer, "buffer");
    lock.lock();
    try {
      chipFor(address).onRead(buffer);
    } finally {
      lock.unlock();
    }
  }

  /** A write, a repeated start and a read, as one transaction nobody else can interleave with. */
  public void writeRead(int address, byte[] data, byte[] buffer) throws HardwareIoException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(buffer, "buffer");
    lock.lock();
    try {
      SimulatedI2cChip chip = chipFor(address);
      chip.onWrite(data.clone());
      chip.onRead(buffer);
    } finally {
      lock.unlock();
    }
  }

  /** Called with the lock held: counts the transaction, applies faults, finds the chip. */
  private SimulatedI2cChip chipFor(int address) throws HardwareIoException {
    checkAddress(address);
    transactions++;
    if (gone) {
      throw new HardwareIoException(HardwareIoException.Kind.BUS_GONE,
          String.format("%s: bus gone talking to 0x%02X (No such device)", name(), address));
    }
    FaultState state = faults.get(address);
    if (state != null) {
      BusFault.Kind kind = state.fault.kind();
      if (state.consume()) {
        faults.remove(address);
      }
      if (kind == BusFault.Kind.TIMEOUT) {
        throw new HardwareIoException(
            HardwareIoException.Kind.TIMEOUT,
            String.format(
                "%s: timeout talking to 0x%02X (Connection timed out; injected fault)",
                name(), address));
      }
      throw nack(address, kind == BusFault.Kind.UNPLUGGED ? "device unplugged" : "injected fault");
    }
    SimulatedI2cChip chip = chips.get(address);
    if (chip == null) {
      throw nack(address, "nothing attached at this address");
    }
    return chip;
  }

  private HardwareIoException nack(int address, String why) {
    return new HardwareIoException(
        HardwareIoException.Kind.NACK,
        String.format("%s: no ACK from 0x%02X (Remote I/O error; %s)", name(), address, why));
  }

  private void locked(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  private static void checkAddress(int address) {
    if (address < 0 || address > 0x7F) {
      throw new IllegalArgumentException("I2C address must be 0x00..0x7F, was " + address);
    }
  }

  /** Mutable countdown for one injected fault; guarded by the bus lock. */
  private static final class FaultState {
    private final BusFault fault;
    private int remaining;

    FaultState(BusFault fault) {
      this.fault = fault;
      this.remaining = fault.transactions();
    }

    /** Counts one failed transaction; true when the fault is used up. */
    boolean consume() {
      if (fault.lastsUntilCleared()) {
        return false;
      }
      remaining--;
      return remaining <= 0;
    }
  }
}
