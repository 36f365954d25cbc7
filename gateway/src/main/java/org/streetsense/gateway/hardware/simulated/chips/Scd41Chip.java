package org.streetsense.gateway.hardware.simulated.chips;

import static org.streetsense.gateway.hardware.wire.Scd41Commands.GET_DATA_READY_STATUS;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.GET_SERIAL_NUMBER;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.READ_MEASUREMENT;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.START_PERIODIC_MEASUREMENT;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.STOP_PERIODIC_MEASUREMENT;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.wire.Scd41Commands;
import org.streetsense.gateway.hardware.wire.SensirionCrc;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.PowerCycled;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;

/**
 * A Sensirion SCD41 at the level of its I2C protocol: 16-bit commands, responses of 16-bit words
 * each followed by its CRC-8, execution times, idle and periodic modes.
 *
 * <ul>
 *   <li>Powers up idle; for 30 ms after power-up it acknowledges nothing.
 *   <li>After a command it acknowledges nothing until the command's execution time has passed
 *       (500 ms for stop_periodic_measurement, 1 ms for the reads), so a host that does not wait
 *       sees a NACK, as on the real sensor. A read with nothing to answer clocks out 0xFF (the
 *       idle bus), so {@code i2cdetect -r} sees the sensor.
 *   <li>In periodic mode a result is ready every 5 s from the start; read_measurement empties the
 *       buffer (reading it when no new result is waiting is a NACK), get_data_ready_status answers 0x8006 when a
 *       result is waiting and 0x8000 otherwise. Only those two commands and
 *       stop_periodic_measurement are accepted in periodic mode; get_serial_number and a second
 *       start are refused (NACK), as are commands this model does not implement.
 *   <li>Faults: {@link ChipFaults#stuck(boolean)} freezes the results, {@link ChipFaults#railed}
 *       reports full scale; {@link #corruptNextWord(int)} flips the CRC of one word of the next
 *       response (a disturbed bus); bus faults (NACK, timeout, unplugged) come from the bus.
 * </ul>
 *
 * <p>Thread-safe: bus calls and fault switches are synchronised; inputs are suppliers.
 */
public final class Scd41Chip implements SimulatedI2cChip, PowerCycled {

  private static final long POWER_UP_NANOS = 30_000_000L;
  private static final long INTERVAL_NANOS = Scd41Commands.SIGNAL_UPDATE_INTERVAL.toNanos();

  private final TimeSource time;
  private final ChipFaults faults = new ChipFaults();
  private final long serial;
  private volatile DoubleSupplier co2 = () -> 420.0;
  private volatile DoubleSupplier temperature = () -> 20.0;
  private volatile DoubleSupplier humidity = () -> 50.0;
  private boolean periodic;
  private long periodStart;
  private long samplesRead;
  private long busyUntil;
  private byte[] response;
  private boolean noData;
  private int corruptWord = -1;
  private int[] lastWords = {0, 0, 0};
  private int refused;

  /** A sensor with the datasheet's example serial number 0xF8969F073BBE. */
  public Scd41Chip(TimeSource time) {
    this(time, 0xF896_9F07_3BBEL);
  }

  public Scd41Chip(TimeSource time, long serial) {
    this.time = Objects.requireNonNull(time, "time");
    this.serial = serial & 0xFFFF_FFFF_FFFFL;
    this.busyUntil = time.monotonicNanos();
  }

  /** CO2 concentration input in ppm. */
  public Scd41Chip co2(DoubleSupplier value) {
    this.co2 = Objects.requireNonNull(value, "value");
    return this;
  }

  /** Temperature input in degC. */
  public Scd41Chip temperature(DoubleSupplier value) {
    this.temperature = Objects.requireNonNull(value, "value");
    return this;
  }

  /** Relative humidity input in %RH. */
  public Scd41Chip humidity(DoubleSupplier value) {
    this.humidity = Objects.requireNonNull(value, "value");
    return this;
  }

  public ChipFaults faults() {
    return faults;
  }

  /** Whether periodic measurement is running. */
  public synchronized boolean periodic() {
    return periodic;
  }

  /** Commands the sensor refused (NACK) or could not parse. */
  public synchronized int refused() {
    return refused;
  }

  /** Sends a wrong CRC for word {@code index} (0-based) of the next response read. */
  public synchronized void corruptNextWord(int index) {
    corruptWord = index;
  }

  @Override
  public synchronized void onPowerUp() {
    periodic = false;
    response = null;
    samplesRead = 0;
    busyUntil = time.monotonicNanos() + POWER_UP_NANOS;
  }

  @Override
  public synchronized void onWrite(byte[] data) throws HardwareIoException {
    long now = time.monotonicNanos();
    if (now < busyUntil) {
      refused++;
      throw nack("busy: the previous command is still executing");
    }
    response = null;
    noData = false;
    if (data.length != 2) {
      refused++;
      throw nack("a command is two bytes (arguments are not modelled), got " + data.length);
    }
    int command = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
    if (command == STOP_PERIODIC_MEASUREMENT) {
      periodic = false;
      busyUntil = now + Scd41Commands.STOP_TIME.toNanos();
      return;
    }
    if (periodic) {
      if (command == READ_MEASUREMENT) {
        long available = (now - periodStart) / INTERVAL_NANOS;
        if (available > samplesRead) {
          samplesRead = available;
          respond(now, measurementWords());
        } else {
          noData = true;
        }
        busyUntil = now + Scd41Commands.READ_TIME.toNanos();
        return;
      }
      if (command == GET_DATA_READY_STATUS) {
        boolean ready = (now - periodStart) / INTERVAL_NANOS > samplesRead;
        respond(now, ready ? 0x8006 : 0x8000);
        return;
      }
      refused++;
      throw nack(String.format("command 0x%04X is not accepted in periodic mode", command));
    }
    if (command == START_PERIODIC_MEASUREMENT) {
      periodic = true;
      periodStart = now;
      samplesRead = 0;
      return;
    }
    if (command == GET_SERIAL_NUMBER) {
      respond(now, (int) (serial >> 32) & 0xFFFF, (int) (serial >> 16) & 0xFFFF,
          (int) serial & 0xFFFF);
      return;
    }
    refused++;
    throw nack(String.format("command 0x%04X is not implemented by this model", command));
  }

  private int[] measurementWords() {
    if (!faults.stuck()) {
      lastWords = faults.railed()
          ? new int[] {0xFFFF, 0xFFFF, 0xFFFF}
          : new int[] {
            clamp(Math.round(co2.getAsDouble())),
            clamp(Math.round((temperature.getAsDouble() + 45.0) * 65535.0 / 175.0)),
            clamp(Math.round(humidity.getAsDouble() * 65535.0 / 100.0))
          };
    }
    return lastWords.clone();
  }

  private void respond(long now, int... words) {
    response = SensirionCrc.encode(words);
    busyUntil = now + Scd41Commands.READ_TIME.toNanos();
  }

  @Override
  public synchronized void onRead(byte[] buffer) throws HardwareIoException {
    long now = time.monotonicNanos();
    if (now < busyUntil) {
      throw nack("busy: the previous command is still executing");
    }
    if (noData) {
      throw nack("read_measurement with no new measurement in the buffer");
    }
    if (response == null) {
      Arrays.fill(buffer, (byte) 0xFF);
      return;
    }
    if (corruptWord >= 0 && 3 * corruptWord + 2 < response.length) {
      response[3 * corruptWord + 2] ^= 0x5A;
      corruptWord = -1;
    }
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = i < response.length ? response[i] : (byte) 0xFF;
    }
    response = null;
  }

  private static int clamp(long word) {
    return (int) Math.max(0, Math.min(0xFFFF, word));
  }

  private static HardwareIoException nack(String why) {
    return new HardwareIoException(HardwareIoException.Kind.NACK, "SCD41 does not acknowledge: " + why);
  }
}
