package org.streetsense.gateway.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.PwmChannel;
import org.streetsense.gateway.hardware.PwmOptions;
import org.streetsense.gateway.hardware.SpiDevice;
import org.streetsense.gateway.hardware.SpiOptions;

/**
 * The {@code pi4j} backend: a Raspberry Pi through Pi4J 2.8. The Pi4J context is always built
 * explicitly from named providers ({@link #forRaspberryPi()}: gpiod for digital I/O, linuxfs for
 * I2C, SPI and PWM), never auto-detected, because auto-detection off a Pi silently loads Pi4J's
 * mock plugin. Tests pass a context built from the mock plugin's providers.
 *
 * <p>Serial boards are not opened through Pi4J (neither provider has serial); {@link #serial}
 * delegates to the link factory given to the builder (the firmware bridge's jSerialComm link).
 *
 * <p>Thread-safe. Opening blocks briefly on the kernel; call it off the event loop.
 */
public final class Pi4jBackend implements HardwareBackend {

  private static final Logger LOG = LoggerFactory.getLogger(Pi4jBackend.class);

  private final Context context;
  private final boolean ownsContext;
  private final TimeSource time;
  private final Function<SerialLinkOptions, ? extends SerialLink> serialLinks;
  private final int pwmChip;
  private final List<AutoCloseable> open = new ArrayList<>();
  private boolean closed;

  private Pi4jBackend(Builder builder) {
    this.context = Objects.requireNonNull(builder.context, "context");
    this.ownsContext = builder.ownsContext;
    this.time = builder.time;
    this.serialLinks = builder.serialLinks;
    this.pwmChip = builder.pwmChip;
  }

  /**
   * A backend on a context the caller built and keeps ownership of (closing the backend releases
   * what it opened but does not shut the context down). No serial link factory.
   */
  public Pi4jBackend(Context context) {
    this(builder().context(context, false));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A Raspberry Pi backend on pwmchip0 with no serial link factory; owns its context. */
  public static Pi4jBackend forRaspberryPi() {
    return builder().context(raspberryPiContext(0), true).build();
  }

  /** A Raspberry Pi backend on pwmchip0 that opens serial boards with {@code serialLinks}. */
  public static Pi4jBackend forRaspberryPi(
      Function<SerialLinkOptions, ? extends SerialLink> serialLinks) {
    return builder().context(raspberryPiContext(0), true).serialLinks(serialLinks).build();
  }

  /**
   * The real Pi4J context: gpiod digital input and output, linuxfs I2C, SPI and PWM on
   * {@code pwmChip} (0 on a Pi 4; see the Pi 5 PWM channel note in docs/hardware.md). No platform
   * or provider auto-detection, so no mock can sneak in. Pi4J's shutdown hook is enabled so outputs
   * reach their declared shutdown states even if the JVM is stopped before the backend is closed.
   */
  public static Context raspberryPiContext(int pwmChip) {
    if (pwmChip < 0) {
      throw new IllegalArgumentException("pwmChip must be >= 0, was " + pwmChip);
    }
    return Pi4J.newContextBuilder()
        .noAutoDetect()
        .add(
            GpioDDigitalInputProvider.newInstance(),
            GpioDDigitalOutputProvider.newInstance(),
            LinuxFsI2CProvider.newInstance(),
            LinuxFsSpiProvider.newInstance(),
            LinuxFsPwmProvider.newInstance(pwmChip))
        .enableShutdownHook()
        .build();
  }

  @Override
  public String name() {
    return "pi4j";
  }

  @Override
  public TimeSource time() {
    return time;
  }

  /** The Pi4J context this backend opens through. */
  public Context context() {
    return context;
  }

  @Override
  public DigitalInput digitalInput(DigitalInputOptions options) throws HardwareIoException {
    Objects.requireNonNull(options, "options");
    checkOpen();
    return track(new Pi4jDigitalInput(context, options, time));
  }

  @Override
  public DigitalOutput digitalOutput(DigitalOutputOptions options) throws HardwareIoException {
    Objects.requireNonNull(options, "options");
    checkOpen();
    return track(new Pi4jDigitalOutput(context, options));
  }

  /**
   * @throws HardwareIoException UNAVAILABLE if {@code options.chip()} is not the chip this
   *     backend's context drives
   */
  @Override
  public PwmChannel pwm(PwmOptions options) throws HardwareIoException {
    Objects.requireNonNull(options, "options");
    checkOpen();
    if (options.chip() != pwmChip) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE,
          "pwmchip" + options.chip() + "/pwm" + options.channel()
              + ": this backend drives pwmchip" + pwmChip + " only");
    }
    return track(new Pi4jPwm(context, options));
  }

  @Override
  public I2cDevice i2c(int bus, int address) throws HardwareIoException {
    checkOpen();
    return track(new Pi4jI2cDevice(context, bus, address));
  }

  @Override
  public SpiDevice spi(SpiOptions options) throws HardwareIoException {
    Objects.requireNonNull(options, "options");
    checkOpen();
    return track(new Pi4jSpiDevice(context, options));
  }

  /**
   * Opens a serial board through the link factory given to the builder.
   *
   * @throws HardwareIoException UNAVAILABLE if no factory was given, or the factory failed
   */
  @Override
  public SerialLink serial(SerialLinkOptions options) throws HardwareIoException {
    Objects.requireNonNull(options, "options");
    checkOpen();
    if (serialLinks == null) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE,
          "serial " + options.path() + ": the pi4j backend has no serial link factory; boards are"
              + " opened through the firmware bridge's jSerialComm link"
              + " (Pi4jBackend.builder().serialLinks(...))");
    }
    try {
      return track(Objects.requireNonNull(serialLinks.apply(options), "serial link factory returned null"));
    } catch (RuntimeException e) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE, "serial " + options.path() + ": open failed (" + e + ")", e);
    }
  }

  /**
   * Drives every open output to its shutdown state and PWM to 0, releases everything opened, and
   * shuts the context down if this backend owns it. Idempotent; never throws.
   */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(open);
      open.clear();
    }
    toClose.sort((a, b) -> Integer.compare(rank(a), rank(b)));
    for (AutoCloseable resource : toClose) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", resource, e);
      }
    }
    if (ownsContext) {
      try {
        context.shutdown();
      } catch (RuntimeException e) {
        LOG.warn("shutting down the Pi4J context failed", e);
      }
    }
  }

  private static int rank(AutoCloseable resource) {
    return resource instanceof DigitalOutput || resource instanceof PwmChannel ? 0 : 1;
  }

  private synchronized <T extends AutoCloseable> T track(T resource) {
    if (closed) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", resource, e);
      }
      return resource;
    }
    open.add(resource);
    return resource;
  }

  private synchronized void checkOpen() throws HardwareIoException {
    if (closed) {
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, "the pi4j backend is closed");
    }
  }

  /** Builds a {@link Pi4jBackend}. Required: context. Defaults: system time, pwmchip0, no serial. */
  public static final class Builder {
    private Context context;
    private boolean ownsContext;
    private TimeSource time = TimeSource.system();
    private Function<SerialLinkOptions, ? extends SerialLink> serialLinks;
    private int pwmChip;

    private Builder() {}

    /**
     * @param context an explicitly built Pi4J context
     * @param owned whether {@link Pi4jBackend#close()} shuts it down
     */
    public Builder context(Context context, boolean owned) {
      this.context = Objects.requireNonNull(context, "context");
      this.ownsContext = owned;
      return this;
    }

    /** The clock edges are stamped with; its monotonic reading must be {@link System#nanoTime()}-like. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "timeSource");
      return this;
    }

    /** Opens serial boards (the firmware bridge's jSerialComm link). */
    public Builder serialLinks(Function<SerialLinkOptions, ? extends SerialLink> serialLinks) {
      this.serialLinks = Objects.requireNonNull(serialLinks, "serialLinks");
      return this;
    }

    /** The PWM chip the context's PWM provider drives. */
    public Builder pwmChip(int pwmChip) {
      if (pwmChip < 0) {
        throw new IllegalArgumentException("pwmChip must be >= 0, was " + pwmChip);
      }
      this.pwmChip = pwmChip;
      return this;
    }

    public Pi4jBackend build() {
      if (context == null) {
        throw new IllegalStateException("context is required: Pi4jBackend.builder().context(...)");
      }
      return new Pi4jBackend(this);
    }
  }
}
