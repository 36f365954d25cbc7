package org.streetsense.gateway.hardware.simulated.chips;

import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.SimulatedSpiChip;

/**
 * A Microchip MCP3008 8-channel 10-bit ADC on SPI (mode 0), modelled bit by bit: after chip select
 * the chip waits for the first 1 bit on MOSI (start), reads SGL/DIFF and D2..D0, samples for one
 * clock, clocks out a null bit, then B9..B0 MSB first, then B1..B9 LSB first, then zeros. Bits the
 * chip does not drive (before the null bit) read as 1, as a floating MISO often does.
 *
 * <p>Code = floor(1024 x Vin / Vref), clamped to 0..1023; differential pairs CH0-CH1, CH1-CH0, ...
 * Not modelled: clock-rate limits and sample-and-hold droop.
 */
public final class Mcp3008Chip implements SimulatedSpiChip {

  private final double vref;
  private final ChipFaults faults = new ChipFaults();
  private final DoubleSupplier[] inputs = new DoubleSupplier[8];
  private final int[] lastCodes = new int[8];

  /** @param vref reference voltage in volts (3.3 when VREF is tied to the Pi's 3.3 V) */
  public Mcp3008Chip(double vref) {
    if (!(vref > 0)) {
      throw new IllegalArgumentException("vref must be > 0 V, was " + vref);
    }
    this.vref = vref;
    for (int i = 0; i < 8; i++) {
      inputs[i] = () -> 0.0;
    }
  }

  /** Voltage on CH{@code n} (0..7), in volts. */
  public synchronized Mcp3008Chip input(int n, DoubleSupplier volts) {
    inputs[n] = Objects.requireNonNull(volts, "volts");
    return this;
  }

  public ChipFaults faults() {
    return faults;
  }

  @Override
  public synchronized byte[] transfer(byte[] tx) throws HardwareIoException {
    int bits = tx.length * 8;
    byte[] rx = new byte[tx.length];
    int start = -1;
    for (int i = 0; i < bits && start < 0; i++) {
      if (bit(tx, i)) {
        start = i;
      }
    }
    for (int i = 0; i < bits; i++) {
      setBit(rx, i, true);
    }
    if (start < 0 || start + 4 >= bits) {
      return rx;
    }
    int sgl = bit(tx, start + 1) ? 1 : 0;
    int ch = (bit(tx, start + 2) ? 4 : 0) | (bit(tx, start + 3) ? 2 : 0) | (bit(tx, start + 4) ? 1 : 0);
    int code = convert(sgl == 1, ch);
    for (int i = start + 6; i < bits; i++) {
      int k = i - (start + 6);
      boolean out;
      if (k == 0) {
        out = false;
      } else if (k <= 10) {
        out = ((code >> (10 - k)) & 1) != 0;
      } else if (k <= 19) {
        out = ((code >> (k - 10)) & 1) != 0;
      } else {
        out = false;
      }
      setBit(rx, i, out);
    }
    return rx;
  }

  private int convert(boolean single, int ch) {
    if (faults.stuck()) {
      return lastCodes[ch];
    }
    if (faults.railed()) {
      lastCodes[ch] = 1023;
      return 1023;
    }
    double v =
        single
            ? inputs[ch].getAsDouble()
            : inputs[ch].getAsDouble() - inputs[ch ^ 1].getAsDouble();
    int code = (int) Math.max(0, Math.min(1023, Math.floor(1024.0 * v / vref)));
    lastCodes[ch] = code;
    return code;
  }

  private static boolean bit(byte[] b, int i) {
    return ((b[i / 8] >> (7 - i % 8)) & 1) != 0;
  }

  private static void setBit(byte[] b, int i, boolean v) {
    int mask = 1 << (7 - i % 8);
    b[i / 8] = (byte) (v ? (b[i / 8] | mask) : (b[i / 8] & ~mask));
  }
}
