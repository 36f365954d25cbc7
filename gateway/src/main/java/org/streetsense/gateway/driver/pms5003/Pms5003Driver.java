package org.streetsense.gateway.driver.pms5003;

import org.streetsense.gateway.hardware.wire.Pms5003Frame;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.SampleStep;
import org.streetsense.gateway.driver.SampledDriver;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * Plantower PMS5003 particulate matter sensor on a serial port (UART, 9600 baud 8N1), through the
 * backend's serial link: jSerialComm on the Pi ({@code /dev/serial0}, a USB-serial adapter), an
 * in-memory sensor on the simulated backend.
 *
 * <p>Open opens the port, sends "wake up" (0xE4, 1) in case an earlier run left the sensor asleep
 * and sets the mode (0xE1): {@code active} (default), where the sensor sends a frame on its own
 * every 200 ms to 2.3 s, or {@code passive}, where each sample sends "read" (0xE2) and the sensor
 * answers with one frame. Frames are decoded on the link's reader thread ({@link Pms5003Decoder});
 * a sample takes the newest valid frame that arrived since the previous sample, polling every
 * 200 ms for up to {@link #FRAME_TIMEOUT}.
 *
 * <p>Channels (ug/m3): {@code pm1_0}, {@code pm2_5}, {@code pm10}, from the atmospheric
 * environment words (default) or the CF=1 standard particle words ({@code concentration:
 * standard}). Values are SUSPECT for the first 30 s after open (the datasheet's fan settling time
 * after wake-up) and above 1000 ug/m3 (the maximum of the range). Faults: no valid frame within
 * the timeout (fan stopped, TX wire off, every frame torn or garbled) is a TIMEOUT; the port going
 * away is UNAVAILABLE; the runner re-opens with backoff either way. Torn and garbled frames are
 * dropped by their check code and counted ({@link #badFrames()}).
 *
 * <p>Threads: open/start/collect/close on the hardware executor; the decoder on whichever thread
 * the link delivers on (its reader thread), one chunk at a time; they share only the synchronised
 * latest frame.
 */
public final class Pms5003Driver implements SampledDriver {

  public static final int BAUD = 9600;
  /** The longest wait for a frame: active mode sends one at least every 2.3 s. */
  public static final Duration FRAME_TIMEOUT = Duration.ofSeconds(5);
  /** Fan settling time after wake-up (datasheet: at least 30 s). */
  public static final Duration WARM_UP = Duration.ofSeconds(30);
  static final Duration POLL = Duration.ofMillis(200);
  static final int MAX_RANGE = 1000;

  private final Object lock = new Object();
  private TimeSource time;
  private SerialLink link;
  private String port;
  private boolean passive;
  private boolean atmospheric;
  private long openedAt;
  private long deadline;
  private long consumed;
  private Pms5003Decoder decoder;
  // guarded by lock
  private Pms5003Frame latest;
  private long received;
  private Throwable disconnected;

  @Override
  public List<ChannelDescriptor> channels() {
    return List.of(
        new ChannelDescriptor("pm1_0", "ug/m3"),
        new ChannelDescriptor("pm2_5", "ug/m3"),
        new ChannelDescriptor("pm10", "ug/m3"));
  }

  @Override
  public void open(DriverContext context) throws HardwareIoException {
    DeviceOptions o = context.options();
    port = o.stringValue("port", null);
    if (port == null || port.isBlank()) {
      throw o.error("port", "is required (the serial port, for example /dev/serial0)");
    }
    String mode = o.stringValue("mode", "active");
    if (!mode.equals("active") && !mode.equals("passive")) {
      throw o.error("mode", "must be \"active\" or \"passive\", was \"" + mode + "\"");
    }
    String concentration = o.stringValue("concentration", "atmospheric");
    if (!concentration.equals("atmospheric") && !concentration.equals("standard")) {
      throw o.error("concentration",
          "must be \"atmospheric\" or \"standard\", was \"" + concentration + "\"");
    }
    passive = mode.equals("passive");
    atmospheric = concentration.equals("atmospheric");
    time = context.time();
    synchronized (lock) {
      latest = null;
      received = 0;
      disconnected = null;
    }
    consumed = 0;
    Pms5003Decoder d = new Pms5003Decoder(this::onFrame);
    decoder = d;
    SerialLink l = context.backend().serial(new SerialLinkOptions(port, BAUD));
    l.onData(bytes -> {
      synchronized (d) {
        d.accept(bytes);
      }
    });
    l.onDisconnect(this::onDisconnect);
    try {
      l.open();
    } catch (IOException e) {
      l.close();
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE,
          "PMS5003 serial port " + port + ": " + e.getMessage(), e);
    }
    link = l;
    openedAt = time.monotonicNanos();
    send(Pms5003Frame.command(0xE4, 1));
    send(Pms5003Frame.command(0xE1, passive ? 0 : 1));
  }

  private void onFrame(Pms5003Frame frame) {
    synchronized (lock) {
      latest = frame;
      received++;
    }
  }

  private void onDisconnect(Throwable cause) {
    synchronized (lock) {
      disconnected = cause;
    }
  }

  /** Valid frames received since open. Any thread. */
  public long framesReceived() {
    synchronized (lock) {
      return received;
    }
  }

  /** Frames dropped for a wrong length or check code since open (torn, garbled). */
  public long badFrames() {
    Pms5003Decoder d = decoder;
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      return d.badFrames();
    }
  }

  @Override
  public SampleStep start() throws HardwareIoException {
    checkConnected();
    if (passive) {
      send(Pms5003Frame.command(0xE2, 0));
    }
    deadline = time.monotonicNanos() + FRAME_TIMEOUT.toNanos();
    return collect();
  }

  @Override
  public SampleStep collect() throws HardwareIoException {
    checkConnected();
    Pms5003Frame frame;
    synchronized (lock) {
      frame = received > consumed ? latest : null;
      consumed = received;
    }
    if (frame != null) {
      return SampleStep.ready(values(frame));
    }
    if (time.monotonicNanos() >= deadline) {
      throw new HardwareIoException(HardwareIoException.Kind.TIMEOUT, String.format(
          "no valid PMS5003 frame on %s for %d s (%d torn or garbled frames dropped since open)",
          port, FRAME_TIMEOUT.toSeconds(), badFrames()));
    }
    return SampleStep.pending(POLL);
  }

  private List<ChannelValue> values(Pms5003Frame f) {
    boolean warming = time.monotonicNanos() - openedAt < WARM_UP.toNanos();
    return List.of(
        value("pm1_0", atmospheric ? f.pm1Atmospheric() : f.pm1Standard(), warming),
        value("pm2_5", atmospheric ? f.pm25Atmospheric() : f.pm25Standard(), warming),
        value("pm10", atmospheric ? f.pm10Atmospheric() : f.pm10Standard(), warming));
  }

  private static ChannelValue value(String channel, int ugm3, boolean warming) {
    return warming || ugm3 > MAX_RANGE
        ? ChannelValue.suspect(channel, ugm3)
        : ChannelValue.good(channel, ugm3);
  }

  private void checkConnected() throws HardwareIoException {
    Throwable cause;
    synchronized (lock) {
      cause = disconnected;
    }
    if (cause != null) {
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE,
          "PMS5003 serial port " + port + " went away: " + cause.getMessage(), cause);
    }
  }

  private void send(byte[] command) {
    link.write(command);
  }

  @Override
  public void close() {
    SerialLink l = link;
    link = null;
    if (l != null) {
      l.close();
    }
  }
}
