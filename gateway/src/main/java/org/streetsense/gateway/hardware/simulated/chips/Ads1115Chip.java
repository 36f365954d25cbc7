package org.streetsense.gateway.hardware.simulated.chips;

import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;

/**
 * A TI ADS1115 16-bit ADC at the register level.
 *
 * <ul>
 *   <li>The first byte of a write sets the address pointer (bits 1:0: 0 conversion, 1 config,
 *       2 Lo_thresh, 3 Hi_thresh); two more bytes write that register big-endian. Reads return the
 *       pointed register big-endian; the pointer does not auto-increment.
 *   <li>Config resets to 0x8583. In single-shot mode (MODE=1) writing OS=1 starts a conversion; OS
 *       reads 0 while converting and 1 when done. A conversion takes 1/DR (8..860 SPS); continuous
 *       mode (MODE=0) converts back to back.
 *   <li>MUX selects differential pairs or AINx against GND; PGA sets the full-scale range
 *       (+-6.144, 4.096, 2.048, 1.024, 0.512, 0.256 V). Codes saturate at 0x7FFF/0x8000.
 * </ul>
 *
 * <p>Not modelled: the comparator and ALERT/RDY pin, input protection limits, noise.
 */
public final class Ads1115Chip implements SimulatedI2cChip {

  private static final int[] RATES = {8, 16, 32, 64, 128, 250, 475, 860};
  private static final double[] FULL_SCALE = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};

  private final TimeSource time;
  private final ChipFaults faults = new ChipFaults();
  private final DoubleSupplier[] inputs = new DoubleSupplier[4];
  private int pointer;
  private int config;
  private int conversion;
  private int loThresh;
  private int hiThresh;
  private boolean converting;
  private long conversionEnd;

  public Ads1115Chip(TimeSource time) {
    this.time = Objects.requireNonNull(time, "time");
    for (int i = 0; i < 4; i++) {
      inputs[i] = () -> 0.0;
    }
    powerCycle();
  }

  /** Voltage input of AIN{@code n} (0..3), in volts against GND. */
  public Ads1115Chip input(int n, DoubleSupplier volts) {
    Objects.requireNonNull(volts, "volts");
    synchronized (this) {
      inputs[n] = volts;
    }
    return this;
  }

  public ChipFaults faults() {
    return faults;
  }

  /** The config register as the chip holds it (OS bit excluded). */
  public synchronized int config() {
    return config & 0x7FFF;
  }

  /** Power-on state, as when the device is plugged back in. */
  public synchronized void powerCycle() {
    pointer = 0;
    config = 0x8583;
    conversion = 0;
    loThresh = 0x8000;
    hiThresh = 0x7FFF;
    converting = false;
  }

  @Override
  public synchronized void onWrite(byte[] data) throws HardwareIoException {
    if (data.length == 0) {
      return;
    }
    update();
    pointer = data[0] & 0x03;
    if (data.length < 3) {
      return;
    }
    int value = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
    switch (pointer) {
      case 1 -> writeConfig(value);
      case 2 -> loThresh = value;
      case 3 -> hiThresh = value;
      default -> { }
    }
  }

  private void writeConfig(int value) {
    boolean singleShot = (value & 0x0100) != 0;
    config = value & 0x7FFF;
    if (!singleShot) {
      startConversion(time.monotonicNanos());
    } else if ((value & 0x8000) != 0 && !converting) {
      startConversion(time.monotonicNanos());
    }
  }

  private void startConversion(long now) {
    converting = true;
    conversionEnd = now + 1_000_000_000L / RATES[(config >> 5) & 0x07];
  }

  @Override
  public synchronized void onRead(byte[] buffer) throws HardwareIoException {
    update();
    int value =
        switch (pointer) {
          case 0 -> conversion;
          case 1 -> config | (converting ? 0 : 0x8000);
          case 2 -> loThresh;
          default -> hiThresh;
        };
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = (byte) (i % 2 == 0 ? value >> 8 : value);
    }
  }

  private void update() {
    long now = time.monotonicNanos();
    while (converting && now >= conversionEnd) {
      if (!faults.stuck()) {
        conversion = code() & 0xFFFF;
      }
      if ((config & 0x0100) != 0) {
        converting = false;
      } else {
        conversionEnd += 1_000_000_000L / RATES[(config >> 5) & 0x07];
      }
    }
  }

  private int code() {
    if (faults.railed()) {
      return 32767;
    }
    int mux = (config >> 12) & 0x07;
    double v =
        switch (mux) {
          case 0 -> in(0) - in(1);
          case 1 -> in(0) - in(3);
          case 2 -> in(1) - in(3);
          case 3 -> in(2) - in(3);
          default -> in(mux - 4);
        };
    double fs = FULL_SCALE[(config >> 9) & 0x07];
    long c = Math.round(v / fs * 32768.0);
    return (int) Math.max(-32768, Math.min(32767, c));
  }

  private double in(int n) {
    return inputs[n].getAsDouble();
  }
}
