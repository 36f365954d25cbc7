package org.streetsense.gateway.driver.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;

/** A chip at one bus address of a {@link TestBackend}, with its bus-level fault switch. */
public final class TestI2cSlot {

  /** Bus-level fault at this address. */
  public enum Fault {
    NONE,
    /** Nobody acknowledges the address (unplugged, wrong address). */
    ABSENT,
    /** The transaction does not complete (SCL held low). */
    TIMEOUT
  }

  private final SimulatedI2cChip chip;
  private volatile Fault fault = Fault.NONE;
  final AtomicInteger transactions = new AtomicInteger();

  TestI2cSlot(SimulatedI2cChip chip) {
    this.chip = chip;
  }

  public SimulatedI2cChip chip() {
    return chip;
  }

  public Fault fault() {
    return fault;
  }

  public void fault(Fault value) {
    this.fault = value;
  }

  /** Unplugs the device (the address stops acknowledging). */
  public void unplug() {
    fault(Fault.ABSENT);
  }

  /** Plugs the device back in; a real chip powers up in its reset state, so callers reset it. */
  public void plugIn() {
    fault(Fault.NONE);
  }

  public int transactions() {
    return transactions.get();
  }
}
