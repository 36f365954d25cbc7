package org.streetsense.gateway.driver.mpr121;

import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.SampleStep;
import org.streetsense.gateway.driver.SampledDriver;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.ListenerRegistration;
import org.streetsense.gateway.hardware.PullResistance;

/**
 * NXP MPR121 capacitive touch controller on I2C (0x5A..0x5D by the ADDR pin).
 *
 * <p>Open: soft reset (0x63 to 0x80), identity check CONFIG2 0x5D = 0x24, then, in stop mode
 * (ECR = 0, the only mode that accepts configuration): touch/release thresholds from 0x41, the
 * AN3944 filter settings 0x2B-0x35, debounce, CONFIG1/CONFIG2; finally ECR = 0x80 | electrodes
 * (run mode, baseline loaded from the first data). Each sample reads touch status 0x00-0x01 and
 * ECR; an ECR read back as 0 means the chip was reset (power glitch, replug) and is reported as a
 * fault so the runner re-initialises it. Over-current (status bit 15) makes every value SUSPECT.
 *
 * <p>Channels {@code electrode0..N-1}: 1 touched, 0 not (unit {@code bool}); configure
 * {@code touch} semantics on them for touch_start/touch_end with duration.
 *
 * <p>With {@code deltas: true} the driver also reads filtered data (0x04..) and baselines
 * (0x1E..) and publishes {@code electrodeN_delta} = baseline - filtered (counts), for tuning
 * thresholds on site.
 *
 * <p>Options: {@code bus} (1), {@code address} (0x5A), {@code electrodes} (1..12, 12),
 * {@code touch_threshold} (12), {@code release_threshold} (6), per electrode N
 * {@code touch_threshold_N} and {@code release_threshold_N} (default the chip-wide ones),
 * {@code irq_pin} (BCM pin of the active-low IRQ line, optional: a falling edge requests an
 * immediate sample, which reads the touch status and so releases the line; the gateway then
 * polls only once a second, for a chip that was reset or an interrupt that was missed; without
 * it the chip is polled every 25 ms in event mode).
 */
public final class Mpr121Driver implements SampledDriver {

  static final int REG_ECR = 0x5E;
  static final int REG_CONFIG2 = 0x5D;
  private static final byte[] FILTER = {0x01, 0x01, 0x0E, 0x00, 0x01, 0x05, 0x01, 0x00, 0, 0, 0};

  private final int electrodes;
  private final boolean deltas;
  private I2cDevice device;
  private DigitalInput irq;
  private ListenerRegistration irqListener;

  public Mpr121Driver(DeviceOptions options) {
    this.electrodes = options.intValue("electrodes", 12);
    if (electrodes < 1 || electrodes > 12) {
      throw options.error("electrodes", "must be 1..12, was " + electrodes);
    }
    this.deltas = options.booleanValue("deltas", false);
  }

  @Override
  public List<ChannelDescriptor> channels() {
    List<ChannelDescriptor> list = new ArrayList<>();
    for (int e = 0; e < electrodes; e++) {
      list.add(new ChannelDescriptor("electrode" + e, "bool"));
    }
    for (int e = 0; deltas && e < electrodes; e++) {
      list.add(new ChannelDescriptor("electrode" + e + "_delta", "counts"));
    }
    return list;
  }

  private static void checkThresholds(DeviceOptions o, String suffix, int touch, int release) {
    if (touch < 0 || touch > 255 || release < 0 || release > touch) {
      throw o.error("release_threshold" + suffix, "must be 0..touch_threshold" + suffix
          + " (0..255), touch " + touch + ", release " + release);
    }
  }

  @Override
  public void open(DriverContext context) throws HardwareIoException {
    DeviceOptions o = context.options();
    int address = o.intValue("address", 0x5A);
    if (address < 0x5A || address > 0x5D) {
      throw o.error("address", "must be 0x5A..0x5D, was 0x" + Integer.toHexString(address));
    }
    int touch = o.intValue("touch_threshold", 12);
    int release = o.intValue("release_threshold", 6);
    checkThresholds(o, "", touch, release);
    byte[] thresholds = new byte[24];
    for (int e = 0; e < 12; e++) {
      int t = o.intValue("touch_threshold_" + e, touch);
      int r = o.intValue("release_threshold_" + e, release);
      checkThresholds(o, "_" + e, t, r);
      thresholds[2 * e] = (byte) t;
      thresholds[2 * e + 1] = (byte) r;
    }
    device = context.backend().i2c(o.intValue("bus", 1), address);
    device.writeRegister(0x80, 0x63);
    int config2 = device.readRegister(REG_CONFIG2);
    if (config2 != 0x24) {
      throw new HardwareIoException(HardwareIoException.Kind.OTHER, String.format(
          "not an MPR121 at 0x%02X: CONFIG2 after reset reads 0x%02X, expected 0x24",
          address, config2));
    }
    device.writeRegister(REG_ECR, 0x00);
    device.writeRegisters(0x41, thresholds);
    device.writeRegisters(0x2B, FILTER);
    device.writeRegister(0x5B, 0x00);
    device.writeRegister(0x5C, 0x10);
    device.writeRegister(REG_CONFIG2, 0x20);
    device.writeRegister(REG_ECR, 0x80 | electrodes);
    if (o.has("irq_pin")) {
      irq = context.backend().digitalInput(new DigitalInputOptions(
          o.intValue("irq_pin"), PullResistance.PULL_UP, java.time.Duration.ZERO));
      irqListener = irq.onEdge(e -> {
        if (!e.high()) {
          context.requestSample();
        }
      });
      if (!irq.read()) {
        // a change was already pending before we listened: no falling edge will come for it
        context.requestSample();
      }
    }
  }

  @Override
  public SampleStep start() throws HardwareIoException {
    byte[] b = new byte[2];
    device.readRegisters(0x00, b);
    int status = (b[0] & 0xFF) | ((b[1] & 0xFF) << 8);
    if (device.readRegister(REG_ECR) == 0) {
      throw new HardwareIoException(
          HardwareIoException.Kind.OTHER, "MPR121 left run mode: chip was reset");
    }
    boolean overCurrent = (status & 0x8000) != 0;
    List<ChannelValue> values = new ArrayList<>(electrodes);
    for (int e = 0; e < electrodes; e++) {
      double v = (status >> e) & 1;
      String ch = "electrode" + e;
      values.add(overCurrent ? ChannelValue.suspect(ch, v) : ChannelValue.good(ch, v));
    }
    if (deltas) {
      byte[] filtered = new byte[2 * electrodes];
      device.readRegisters(0x04, filtered);
      byte[] baselines = new byte[electrodes];
      device.readRegisters(0x1E, baselines);
      for (int e = 0; e < electrodes; e++) {
        int f = (filtered[2 * e] & 0xFF) | ((filtered[2 * e + 1] & 0x03) << 8);
        int delta = ((baselines[e] & 0xFF) << 2) - f;
        values.add(ChannelValue.good("electrode" + e + "_delta", delta));
      }
    }
    return SampleStep.ready(values);
  }

  @Override
  public SampleStep collect() throws HardwareIoException {
    return start();
  }

  @Override
  public void close() {
    if (irqListener != null) {
      irqListener.close();
      irqListener = null;
    }
    if (irq != null) {
      irq.close();
      irq = null;
    }
    if (device != null) {
      device.close();
      device = null;
    }
  }
}
