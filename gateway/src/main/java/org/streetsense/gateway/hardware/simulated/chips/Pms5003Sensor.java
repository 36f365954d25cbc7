package org.streetsense.gateway.hardware.simulated.chips;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.gateway.clock.SimulationScheduler;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.wire.Pms5003Frame;

/**
 * A Plantower PMS5003 on a serial line, as the host's UART sees it: 32-byte frames with their check
 * code, sent on its own every {@link #interval} in active mode (the power-on mode) or one per
 * "read" command in passive mode, and the host commands 0xE1 (mode), 0xE2 (read), 0xE4
 * (sleep/wake up), each accepted only with a correct check sum. Asleep it sends nothing.
 *
 * <p>Concentrations are inputs in ug/m3 (atmospheric environment). The CF=1 "standard particle"
 * words equal them up to 30 ug/m3 and grow 1.5 times as fast above (the shape Plantower sensors
 * show; not a datasheet formula). Particle counts per 0.1 L are derived from the mass (rough).
 *
 * <p>Faults: {@link #tearNextFrame()} sends only the first 20 bytes of the next frame (a reset or a
 * loose connector), {@link #garbleNextFrame()} flips a data byte so the check code fails,
 * {@link #silent(boolean)} stops all frames (fan or laser dead, TX wire off), {@link #unplug()}
 * breaks the line and the host's port goes away, {@link #plug()} restores it.
 *
 * <p>Attach it with {@code backend.attachSerial(path, sensor::hostLink)} and start it on the
 * backend's scheduler. The line delivers synchronously, so a run on a virtual clock is repeatable:
 * frames reach the host's data handler on the scheduler's thread when they are sent (or on the
 * writing thread for an answer to a passive-mode read), commands reach the sensor on the thread
 * that writes them. Thread-safe: everything synchronises on the sensor; handlers must not block.
 */
public final class Pms5003Sensor implements AutoCloseable {

  /** Frame interval in active mode when the air is steady (datasheet: up to 2.3 s). */
  public static final Duration STABLE_INTERVAL = Duration.ofMillis(2300);

  private final TimeSource time;
  private final SimulationScheduler scheduler;
  private final HostEnd host;
  private final byte[] command = new byte[7];
  private final Duration interval;
  private int commandLength;
  private volatile DoubleSupplier pm1 = () -> 6.0;
  private volatile DoubleSupplier pm25 = () -> 9.0;
  private volatile DoubleSupplier pm10 = () -> 14.0;
  private volatile boolean silent;
  private boolean passive;
  private boolean asleep;
  private boolean tear;
  private boolean garble;
  private boolean running;
  private long framesSent;
  private long commandsRejected;

  public Pms5003Sensor(TimeSource time, SimulationScheduler scheduler, String name) {
    this(time, scheduler, name, STABLE_INTERVAL);
  }

  public Pms5003Sensor(
      TimeSource time, SimulationScheduler scheduler, String name, Duration interval) {
    this.time = Objects.requireNonNull(time, "time");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.host = new HostEnd("sim:" + Objects.requireNonNull(name, "name"));
  }

  /** The host's end of the line, for {@code SimulatedBackend.attachSerial}. */
  public SerialLink hostLink() {
    return host;
  }

  public Pms5003Sensor pm1(DoubleSupplier ugm3) {
    this.pm1 = Objects.requireNonNull(ugm3, "ugm3");
    return this;
  }

  public Pms5003Sensor pm25(DoubleSupplier ugm3) {
    this.pm25 = Objects.requireNonNull(ugm3, "ugm3");
    return this;
  }

  public Pms5003Sensor pm10(DoubleSupplier ugm3) {
    this.pm10 = Objects.requireNonNull(ugm3, "ugm3");
    return this;
  }

  /** Starts sending frames on the scheduler (active mode). Idempotent. */
  public synchronized void start() {
    if (!running) {
      running = true;
      scheduleNext();
    }
  }

  private void scheduleNext() {
    scheduler.schedule(time.monotonicNanos() + interval.toNanos(), () -> {
      synchronized (this) {
        if (!running) {
          return;
        }
        if (!passive) {
          sendFrame();
        }
        scheduleNext();
      }
    });
  }

  /** Sends one frame now, whatever the mode (unless asleep or silent). */
  public synchronized void sendFrameNow() {
    sendFrame();
  }

  public synchronized boolean passive() {
    return passive;
  }

  public synchronized boolean asleep() {
    return asleep;
  }

  public synchronized long framesSent() {
    return framesSent;
  }

  /** Commands with a wrong check sum or an unknown code. */
  public synchronized long commandsRejected() {
    return commandsRejected;
  }

  public synchronized void tearNextFrame() {
    tear = true;
  }

  public synchronized void garbleNextFrame() {
    garble = true;
  }

  public void silent(boolean value) {
    silent = value;
  }

  /** Breaks the line: the host's open port fires its disconnect handler; opening fails. */
  public synchronized void unplug() {
    host.plugged = false;
    if (host.open) {
      host.open = false;
      host.disconnectHandler.accept(new IOException(host.portName() + " unplugged"));
    }
  }

  /** Restores the line; the sensor powers up again in active mode. */
  public synchronized void plug() {
    passive = false;
    asleep = false;
    host.plugged = true;
  }

  private void sendFrame() {
    if (asleep || silent) {
      return;
    }
    double atm1 = pm1.getAsDouble();
    double atm25 = pm25.getAsDouble();
    double atm10 = pm10.getAsDouble();
    int[] w = new int[13];
    w[0] = standard(atm1);
    w[1] = standard(atm25);
    w[2] = standard(atm10);
    w[3] = word(atm1);
    w[4] = word(atm25);
    w[5] = word(atm10);
    w[6] = word(atm1 * 120 + atm25 * 30);
    w[7] = word(atm1 * 38 + atm25 * 8);
    w[8] = word(atm25 * 6);
    w[9] = word((atm10 - atm25) * 0.9);
    w[10] = word((atm10 - atm25) * 0.25);
    w[11] = word((atm10 - atm25) * 0.08);
    byte[] bytes = new Pms5003Frame(w).encode();
    if (garble) {
      garble = false;
      bytes[9] ^= 0x10;
    }
    if (tear) {
      tear = false;
      bytes = Arrays.copyOf(bytes, 20);
    }
    framesSent++;
    if (host.open) {
      host.dataHandler.accept(bytes);
    }
  }

  private static int standard(double atmospheric) {
    return word(atmospheric <= 30 ? atmospheric : 30 + (atmospheric - 30) * 1.5);
  }

  private static int word(double v) {
    return (int) Math.max(0, Math.min(0xFFFF, Math.round(v)));
  }

  private void onCommandBytes(byte[] bytes) {
    for (byte b : bytes) {
      if (commandLength == 0 && (b & 0xFF) != Pms5003Frame.START_1
          || commandLength == 1 && (b & 0xFF) != Pms5003Frame.START_2) {
        commandLength = 0;
        continue;
      }
      command[commandLength++] = b;
      if (commandLength == command.length) {
        commandLength = 0;
        execute();
      }
    }
  }

  private void execute() {
    int sum = 0;
    for (int i = 0; i < 5; i++) {
      sum += command[i] & 0xFF;
    }
    int check = ((command[5] & 0xFF) << 8) | (command[6] & 0xFF);
    int data = ((command[3] & 0xFF) << 8) | (command[4] & 0xFF);
    if ((sum & 0xFFFF) != check) {
      commandsRejected++;
      return;
    }
    switch (command[2] & 0xFF) {
      case 0xE1 -> passive = data == 0;
      case 0xE2 -> {
        if (passive) {
          sendFrame();
        }
      }
      case 0xE4 -> asleep = data == 0;
      default -> commandsRejected++;
    }
  }

  /** Stops sending and closes the line. */
  @Override
  public synchronized void close() {
    running = false;
    host.open = false;
  }

  /** The host's end of the line; its state is guarded by the sensor's lock. */
  private final class HostEnd implements SerialLink {
    private final String name;
    private volatile Consumer<byte[]> dataHandler = b -> { };
    private volatile Consumer<Throwable> disconnectHandler = e -> { };
    private boolean open;
    private boolean plugged = true;

    HostEnd(String name) {
      this.name = name;
    }

    @Override
    public String portName() {
      return name;
    }

    @Override
    public void open() throws IOException {
      synchronized (Pms5003Sensor.this) {
        if (!plugged) {
          throw new IOException(name + " is unplugged");
        }
        open = true;
      }
    }

    @Override
    public boolean isOpen() {
      synchronized (Pms5003Sensor.this) {
        return open;
      }
    }

    @Override
    public void onData(Consumer<byte[]> handler) {
      dataHandler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void onDisconnect(Consumer<Throwable> handler) {
      disconnectHandler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public CompletionStage<Void> write(byte[] data) {
      synchronized (Pms5003Sensor.this) {
        if (!open) {
          return CompletableFuture.failedFuture(new IOException(name + " is not open"));
        }
        onCommandBytes(data.clone());
        return CompletableFuture.completedFuture(null);
      }
    }

    @Override
    public void close() {
      synchronized (Pms5003Sensor.this) {
        open = false;
      }
    }
  }
}
