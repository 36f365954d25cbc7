package org.streetsense.gateway.driver.scd41;

import org.streetsense.gateway.hardware.wire.Scd41Commands;
import org.streetsense.gateway.hardware.wire.SensirionCrc;

import static org.streetsense.gateway.hardware.wire.Scd41Commands.GET_DATA_READY_STATUS;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.GET_SERIAL_NUMBER;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.READ_MEASUREMENT;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.READ_TIME;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.SIGNAL_UPDATE_INTERVAL;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.START_PERIODIC_MEASUREMENT;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.STOP_PERIODIC_MEASUREMENT;
import static org.streetsense.gateway.hardware.wire.Scd41Commands.STOP_TIME;

import java.time.Duration;
import java.util.List;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.SampleStep;
import org.streetsense.gateway.driver.SampledDriver;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;

/**
 * Sensirion SCD41 photoacoustic CO2 sensor (with temperature and humidity) on I2C at 0x62, in
 * periodic measurement mode (one result every 5 s).
 *
 * <p>Open sends stop_periodic_measurement (0x3F86), because the sensor keeps measuring across a
 * gateway restart and accepts no other command until stopped. Every wait the datasheet asks for
 * is a {@link SampleStep.Pending} step, never a blocked thread: the first sample waits the 500 ms
 * stop time, reads get_serial_number (0x3682; three words whose Sensirion CRC-8 must match, which
 * is the identity check: the SCD4x has no id register), sends start_periodic_measurement (0x21B1)
 * and waits the 5 s signal update interval. Each sample then sends get_data_ready_status (0xE4B8),
 * and once data is ready read_measurement (0xEC05), each followed by its 1 ms execution time;
 * while not ready it polls every 500 ms.
 *
 * <p>Channels: {@code co2} (ppm) = word, {@code temperature} (degC) = -45 + 175 * word / 65535,
 * {@code humidity} (%RH) = 100 * word / 65535. A word whose CRC does not match is a FAULT value
 * for that channel alone (the others in the frame are intact); a NACK or timeout is a bus fault
 * and the runner re-opens the sensor. Close stops periodic measurement (best effort).
 *
 * <p>Threads: called on the hardware executor only; each call makes at most two bus transactions.
 */
public final class Scd41Driver implements SampledDriver {

  /** How long to wait before asking again when data is not ready yet. */
  static final Duration READY_POLL = Duration.ofMillis(500);

  private enum Phase {
    STOPPING, SERIAL, STARTING, READY_STATUS, MEASUREMENT
  }

  private I2cDevice device;
  private TimeSource time;
  private int bus;
  private boolean started;
  private long stopSentNanos;
  private long serialNumber = -1;
  private Phase phase;

  @Override
  public List<ChannelDescriptor> channels() {
    return List.of(
        new ChannelDescriptor("co2", "ppm"),
        new ChannelDescriptor("temperature", "degC"),
        new ChannelDescriptor("humidity", "%RH"));
  }

  @Override
  public void open(DriverContext context) throws HardwareIoException {
    DeviceOptions o = context.options();
    int address = o.intValue("address", Scd41Commands.ADDRESS);
    if (address != Scd41Commands.ADDRESS) {
      throw o.error("address", "must be 0x62 (the SCD4x address is fixed), was 0x"
          + Integer.toHexString(address));
    }
    bus = o.intValue("bus", 1);
    time = context.time();
    device = context.backend().i2c(bus, address);
    command(STOP_PERIODIC_MEASUREMENT);
    stopSentNanos = time.monotonicNanos();
    started = false;
    serialNumber = -1;
  }

  /** The sensor's 48-bit serial number, read at the first sample after open; -1 before. */
  public long serialNumber() {
    return serialNumber;
  }

  @Override
  public SampleStep start() throws HardwareIoException {
    if (!started) {
      phase = Phase.STOPPING;
      long left = STOP_TIME.toNanos() - (time.monotonicNanos() - stopSentNanos);
      return SampleStep.pending(Duration.ofNanos(Math.max(0, left)));
    }
    command(GET_DATA_READY_STATUS);
    phase = Phase.READY_STATUS;
    return SampleStep.pending(READ_TIME);
  }

  @Override
  public SampleStep collect() throws HardwareIoException {
    switch (phase) {
      case STOPPING -> {
        command(GET_SERIAL_NUMBER);
        phase = Phase.SERIAL;
        return SampleStep.pending(READ_TIME);
      }
      case SERIAL -> {
        byte[] r = read(3);
        long serial = 0;
        for (int i = 0; i < 3; i++) {
          int w = SensirionCrc.word(r, i);
          if (w < 0) {
            throw new HardwareIoException(HardwareIoException.Kind.OTHER, String.format(
                "SCD41 at bus %d address 0x62: serial number word %d fails its CRC: not an SCD4x"
                    + " or a disturbed bus", bus, i));
          }
          serial = (serial << 16) | w;
        }
        serialNumber = serial;
        command(START_PERIODIC_MEASUREMENT);
        started = true;
        phase = Phase.STARTING;
        return SampleStep.pending(SIGNAL_UPDATE_INTERVAL);
      }
      case STARTING -> {
        command(GET_DATA_READY_STATUS);
        phase = Phase.READY_STATUS;
        return SampleStep.pending(READ_TIME);
      }
      case READY_STATUS -> {
        int status = SensirionCrc.word(read(1), 0);
        if (status < 0) {
          throw new HardwareIoException(HardwareIoException.Kind.OTHER,
              "SCD41 data-ready status fails its CRC");
        }
        if ((status & 0x07FF) == 0) {
          phase = Phase.STARTING;
          return SampleStep.pending(READY_POLL);
        }
        command(READ_MEASUREMENT);
        phase = Phase.MEASUREMENT;
        return SampleStep.pending(READ_TIME);
      }
      case MEASUREMENT -> {
        byte[] r = read(3);
        int co2 = SensirionCrc.word(r, 0);
        int t = SensirionCrc.word(r, 1);
        int rh = SensirionCrc.word(r, 2);
        return SampleStep.ready(List.of(
            co2 < 0 ? ChannelValue.fault("co2") : ChannelValue.good("co2", co2),
            t < 0 ? ChannelValue.fault("temperature")
                : ChannelValue.good("temperature", Scd41Commands.temperature(t)),
            rh < 0 ? ChannelValue.fault("humidity")
                : ChannelValue.good("humidity", Scd41Commands.humidity(rh))));
      }
      default -> throw new IllegalStateException("collect() without start()");
    }
  }

  private void command(int command) throws HardwareIoException {
    device.write(Scd41Commands.bytes(command));
  }

  private byte[] read(int words) throws HardwareIoException {
    byte[] r = new byte[3 * words];
    device.read(r);
    return r;
  }

  /** Stops periodic measurement (best effort: the sensor may be gone) and releases the device. */
  @Override
  public void close() {
    if (device != null) {
      try {
        if (started) {
          command(STOP_PERIODIC_MEASUREMENT);
        }
      } catch (HardwareIoException e) {
        // unplugged or not answering: nothing to stop
      }
      device.close();
      device = null;
    }
    started = false;
  }
}
