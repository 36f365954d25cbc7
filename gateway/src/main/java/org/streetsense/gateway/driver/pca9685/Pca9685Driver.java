package org.streetsense.gateway.driver.pca9685;

import java.time.Duration;
import java.util.List;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.Driver;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;

/**
 * NXP PCA9685 16-channel 12-bit PWM controller on I2C (0x40..0x7F by A0-A5; 0x70 is the all-call
 * address), for servos and LED dimming.
 *
 * <p>Open: MODE1 = SLEEP|AI|ALLCALL, PRE_SCALE = round(25 MHz / (4096 x f)) - 1 (only accepted
 * while asleep), every output at its safe (logical off) level, MODE2 = OUTDRV (totem pole), then
 * MODE1 = AI|ALLCALL (awake; no RESTART needed because no earlier PWM state is resumed). Close
 * (the safe state): every output logically off; an active-high chip is then put to sleep (a servo
 * without pulses goes limp, an LED goes dark), an active-low chip stays awake with every output
 * full on (high), because a sleeping chip's outputs are low, which lights an active-low load.
 *
 * <p>Polarity (option {@code active_low}, default false; decision 0325): on an active-low chip
 * (loads wired from V+ to the output, on while it is low) every duty the driver is given is
 * logical, at the load, and the chip is written {@code 1 - duty}: logical 0 is the full-on bit
 * (output high all the time), logical 1 the full-off bit. The inversion is done per channel by
 * the driver, not with MODE2.INVRT, so the full-on/full-off bits and the safe state at open and
 * close are exact and do not depend on how the chip treats INVRT while asleep.
 *
 * <p>Recovery: after a failed bus write the chip may have been reset (brown-out, replugged: every
 * output low and asleep). The next write first runs the open sequence again, which puts every
 * output at its safe level (off, or on for the channels declared {@link #safeOn});
 * {@link #initCount()} counts these so channel actuators know their levels were reset.
 *
 * <p>Threads: setters block for one bus write; call them on the hardware executor. Synchronised.
 *
 * <p>Options: {@code bus} (1), {@code address} (0x40), {@code frequency_hz} (24..1526, 50),
 * {@code servo_min_pulse_us} (1000), {@code servo_max_pulse_us} (2000), {@code servo_range_deg}
 * (180), {@code active_low} (false).
 */
public final class Pca9685Driver implements Driver {

  static final int MODE1 = 0x00;
  static final int MODE2 = 0x01;
  static final int LED0 = 0x06;
  static final int ALL_LED = 0xFA;
  static final int PRE_SCALE = 0xFE;
  private static final double OSC_HZ = 25_000_000.0;

  private I2cDevice device;
  private int prescale;
  private boolean activeLow;
  private boolean needsInit;
  private int initCount;
  private final boolean[] safeOn = new boolean[16];
  private ServoOptions servo = ServoOptions.STANDARD;

  @Override
  public List<ChannelDescriptor> channels() {
    return List.of();
  }

  /** PRE_SCALE for a frequency: round(25 MHz / (4096 x f)) - 1. */
  public static int prescaleFor(int frequencyHz) {
    return (int) Math.round(OSC_HZ / (4096.0 * frequencyHz)) - 1;
  }

  @Override
  public synchronized void open(DriverContext context) throws HardwareIoException {
    DeviceOptions o = context.options();
    int address = o.intValue("address", 0x40);
    if (address < 0x40 || address > 0x7F || address == 0x70) {
      throw o.error("address", "must be 0x40..0x7F except 0x70, was 0x" + Integer.toHexString(address));
    }
    int f = o.intValue("frequency_hz", 50);
    if (f < 24 || f > 1526) {
      throw o.error("frequency_hz", "must be 24..1526, was " + f);
    }
    servo = new ServoOptions(
        Duration.ofNanos(o.intValue("servo_min_pulse_us", 1000) * 1000L),
        Duration.ofNanos(o.intValue("servo_max_pulse_us", 2000) * 1000L),
        o.doubleValue("servo_range_deg", 180));
    activeLow = o.booleanValue("active_low", false);
    prescale = prescaleFor(f);
    device = context.backend().i2c(o.intValue("bus", 1), address);
    init();
  }

  /** The open sequence: asleep, PRE_SCALE, every output safe, totem pole, awake. */
  private void init() throws HardwareIoException {
    needsInit = true;
    device.writeRegister(MODE1, 0x31);
    device.writeRegister(PRE_SCALE, prescale);
    device.writeRegisters(ALL_LED, allSafe());
    writeSafeOn();
    device.writeRegister(MODE2, 0x04);
    device.writeRegister(MODE1, 0x21);
    if (device.readRegister(PRE_SCALE) != prescale) {
      throw new HardwareIoException(HardwareIoException.Kind.OTHER,
          "PCA9685 did not accept PRE_SCALE " + prescale);
    }
    needsInit = false;
    initCount++;
  }

  /** Puts every channel declared {@link #safeOn} logically full on. */
  private void writeSafeOn() throws HardwareIoException {
    for (int ch = 0; ch < safeOn.length; ch++) {
      if (safeOn[ch]) {
        writeDuty(ch, activeLow ? 0 : 1);
      }
    }
  }

  /**
   * Declares that {@code channel} rests logically on ({@code safeState: on}): from now on every
   * (re)initialisation and {@link #close()} put it full on instead of off, and the chip is not put
   * to sleep at close (a sleeping chip drives its outputs low). Call before the channel is used.
   */
  public synchronized void safeOn(int channel) {
    checkChannel(channel);
    safeOn[channel] = true;
  }

  private boolean anySafeOn() {
    for (boolean on : safeOn) {
      if (on) {
        return true;
      }
    }
    return false;
  }

  /** ALL_LED bytes that put every output logically off: full off, or full on when active-low. */
  private byte[] allSafe() {
    return activeLow ? new byte[] {0, 0x10, 0, 0} : new byte[] {0, 0, 0, 0x10};
  }

  /** Whether loads are on while the outputs are low (option {@code active_low}). */
  public boolean activeLow() {
    return activeLow;
  }

  /**
   * How often the chip was (re)initialised, every output then at its safe level: 1 after open,
   * one more after each recovery from a failed write.
   */
  public synchronized int initCount() {
    return initCount;
  }

  /** The frequency the chip actually produces, in hertz. */
  public double actualFrequencyHz() {
    return OSC_HZ / (4096.0 * (prescale + 1));
  }

  /**
   * Sets a logical duty cycle 0..1 (at the load: inverted on an active-low chip); exactly 0 and 1
   * use the full-off/full-on bits. Re-initialises the chip first after a failed write.
   */
  public synchronized void setDuty(int channel, double duty) throws HardwareIoException {
    checkChannel(channel);
    if (!(duty >= 0 && duty <= 1)) {
      throw new IllegalArgumentException("duty must be 0..1, was " + duty);
    }
    if (device == null) {
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, "PCA9685 is closed");
    }
    if (needsInit) {
      init();
    }
    double physical = activeLow ? 1.0 - duty : duty;
    try {
      writeDuty(channel, physical);
    } catch (HardwareIoException e) {
      needsInit = true;
      throw e;
    }
  }

  private void writeDuty(int channel, double duty) throws HardwareIoException {
    if (duty == 0) {
      writeChannel(channel, 0, 0x1000);
    } else if (duty == 1) {
      writeChannel(channel, 0x1000, 0);
    } else {
      writeChannel(channel, 0, Math.min(4095, (int) Math.round(duty * 4096)));
    }
  }

  /**
   * Reads back the fraction of each period output {@code channel} is high (physical, 0..1): 0
   * while the chip sleeps or the channel is full off, 1 when full on.
   */
  public synchronized double outputHigh(int channel) throws HardwareIoException {
    checkChannel(channel);
    if (device == null) {
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, "PCA9685 is closed");
    }
    if ((device.readRegister(MODE1) & 0x10) != 0) {
      return 0;
    }
    byte[] regs = new byte[4];
    device.readRegisters(LED0 + 4 * channel, regs);
    int on = (regs[0] & 0xFF) | (regs[1] & 0xFF) << 8;
    int off = (regs[2] & 0xFF) | (regs[3] & 0xFF) << 8;
    if ((off & 0x1000) != 0) {
      return 0;
    }
    if ((on & 0x1000) != 0) {
      return 1;
    }
    return Math.floorMod((off & 0x0FFF) - (on & 0x0FFF), 4096) / 4096.0;
  }

  /** Sets the high time of each period. */
  public void setPulse(int channel, Duration pulse) throws HardwareIoException {
    double duty = pulse.toNanos() * actualFrequencyHz() / 1e9;
    setDuty(channel, Math.max(0, Math.min(1, duty)));
  }

  /** Moves a servo to {@code degrees} using the configured {@link ServoOptions}. */
  public void setServoAngle(int channel, double degrees) throws HardwareIoException {
    setPulse(channel, servo.pulseFor(degrees));
  }

  private void writeChannel(int channel, int on, int off) throws HardwareIoException {
    device.writeRegisters(
        LED0 + 4 * channel,
        new byte[] {(byte) on, (byte) (on >> 8), (byte) off, (byte) (off >> 8)});
  }

  private static void checkChannel(int channel) {
    if (channel < 0 || channel > 15) {
      throw new IllegalArgumentException("PCA9685 channel must be 0..15, was " + channel);
    }
  }

  /**
   * Drives every output logically off (those declared {@link #safeOn}: full on); an active-high
   * chip without safe-on channels is then put to sleep, any other stays awake holding its
   * outputs. Never throws.
   */
  @Override
  public synchronized void close() {
    if (device == null) {
      return;
    }
    try {
      if (needsInit) {
        init();
      }
      device.writeRegisters(ALL_LED, allSafe());
      writeSafeOn();
      if (!activeLow && !anySafeOn()) {
        device.writeRegister(MODE1, 0x31);
      }
    } catch (HardwareIoException e) {
      org.slf4j.LoggerFactory.getLogger(Pca9685Driver.class)
          .warn("PCA9685 could not be driven to its safe state: {}", e.getMessage());
    }
    device.close();
    device = null;
  }
}
