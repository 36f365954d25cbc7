package org.streetsense.bridge.firmata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.bridge.link.SerialLink;

/**
 * Talks to a board running StandardFirmata (57600 baud) over a {@link SerialLink}: firmware,
 * capability and analog-mapping queries, pin modes, analog and digital reporting, sampling
 * interval, digital and PWM writes.
 *
 * <p>Firmata has no checksums and no acknowledgements: writes complete when the bytes were handed
 * to the link, not when the board acted; queries complete when their answer arrives or fail with
 * a {@link java.util.concurrent.TimeoutException}. Line noise is dropped by the parser and counted
 * in {@link #stats()}.
 *
 * <p>Threads: incoming bytes are parsed on the link's reader thread, where listeners run and
 * query futures complete. All methods may be called from any thread and never block.
 */
public final class FirmataClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FirmataClient.class);

  private final SerialLink link;
  private final FirmataClientOptions options;
  private final FirmataParser parser;
  private final ScheduledExecutorService timer;
  private final List<FirmataListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<CompletableFuture<FirmwareInfo>> firmwareQuery =
      new AtomicReference<>();
  private final AtomicReference<CompletableFuture<Map<Integer, Map<PinMode, Integer>>>>
      capabilityQuery = new AtomicReference<>();
  private final AtomicReference<CompletableFuture<Map<Integer, Integer>>> mappingQuery =
      new AtomicReference<>();
  private final Map<Integer, Integer> analogValues = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> inputPorts = new ConcurrentHashMap<>();
  private final int[] outputPorts = new int[16];

  public FirmataClient(SerialLink link, FirmataClientOptions options) {
    this.link = Objects.requireNonNull(link, "link");
    this.options = Objects.requireNonNull(options, "options");
    this.parser = new FirmataParser(this::handle);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "firmata-" + link.portName());
      t.setDaemon(true);
      return t;
    });
  }

  public void addListener(FirmataListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Opens the link if needed, waits for the firmware report (repeating the query), then reads
   * capabilities and the analog mapping. Call it again after every (re)connection: it forgets the
   * input values of the board seen before (see {@link #forgetInputs}), so the new board's first
   * report of every pin is delivered to the listeners even when it equals the old value.
   *
   * @return the board's info; fails with {@link IOException} if the link cannot open, or a
   *     {@link java.util.concurrent.TimeoutException} if the board does not answer
   */
  public CompletableFuture<FirmataBoardInfo> start() {
    forgetInputs();
    link.onData(parser::feed);
    try {
      if (!link.isOpen()) {
        link.open();
      }
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<FirmwareInfo> firmware = firmwareFuture(options.startTimeout());
    ScheduledFuture<?> repeat = timer.scheduleAtFixedRate(this::sendFirmwareQuery, 0,
        options.queryInterval().toMillis(), TimeUnit.MILLISECONDS);
    firmware.whenComplete((f, e) -> repeat.cancel(false));
    return firmware.thenCompose(f -> queryCapabilities()
        .thenCombine(queryAnalogMapping(), (caps, mapping) -> info(f, caps, mapping)));
  }

  /** Asks for the firmware name and version (sysex 0x79). */
  public CompletableFuture<FirmwareInfo> queryFirmware() {
    CompletableFuture<FirmwareInfo> f = firmwareFuture(options.requestTimeout());
    sendFirmwareQuery();
    return f;
  }

  /** Asks for each pin's modes and resolutions (sysex 0x6B / 0x6C). */
  public CompletableFuture<Map<Integer, Map<PinMode, Integer>>> queryCapabilities() {
    var f = pendingQuery(capabilityQuery);
    sysex(Firmata.CAPABILITY_QUERY);
    return f;
  }

  /** Asks which pin reads which analog channel (sysex 0x69 / 0x6A): pin to channel. */
  public CompletableFuture<Map<Integer, Integer>> queryAnalogMapping() {
    var f = pendingQuery(mappingQuery);
    sysex(Firmata.ANALOG_MAPPING_QUERY);
    return f;
  }

  public CompletionStage<Void> setPinMode(int pin, PinMode mode) {
    return send(new FirmataMessage.SetPinMode(pin, mode.code()));
  }

  /** Starts or stops reports of analog channel {@code channel} (0 is A0). */
  public CompletionStage<Void> reportAnalog(int channel, boolean enable) {
    return send(new FirmataMessage.ReportAnalog(channel, enable));
  }

  /** Starts or stops reports of digital port {@code port} (pins port*8 .. port*8+7). */
  public CompletionStage<Void> reportDigital(int port, boolean enable) {
    return send(new FirmataMessage.ReportDigital(port, enable));
  }

  /** Sets how often analog inputs are sampled and reported (1 ms .. 16383 ms). */
  public CompletionStage<Void> setSamplingInterval(Duration interval) {
    return send(FirmataCodec.samplingInterval((int) interval.toMillis()));
  }

  /** Drives one output pin (0xF5 set digital pin value). */
  public CompletionStage<Void> digitalWrite(int pin, boolean high) {
    synchronized (outputPorts) {
      int port = pin / 8;
      int bit = 1 << (pin % 8);
      outputPorts[port] = high ? outputPorts[port] | bit : outputPorts[port] & ~bit;
    }
    return send(new FirmataMessage.SetDigitalPin(pin, high));
  }

  /** Writes all 8 pins of a port at once (0x90 digital message); bit i drives pin port*8+i. */
  public CompletionStage<Void> writeDigitalPort(int port, int mask) {
    synchronized (outputPorts) {
      outputPorts[port] = mask & 0xFF;
    }
    return send(new FirmataMessage.DigitalPort(port, mask & 0xFF));
  }

  /**
   * Writes a PWM (or servo) value: the 0xE0 analog message for pins 0..15 and values up to 14
   * bits, extended analog (sysex 0x6F) otherwise.
   */
  public CompletionStage<Void> analogWrite(int pin, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("value must not be negative, was " + value);
    }
    if (pin <= 15 && value <= 16383) {
      return send(new FirmataMessage.Analog(pin, value));
    }
    return send(FirmataCodec.extendedAnalog(pin, value));
  }

  /** The latest value of an analog channel, if one was reported. */
  public Optional<Integer> analogValue(int channel) {
    return Optional.ofNullable(analogValues.get(channel));
  }

  /** The latest reported level of a digital input pin, if its port was reported. */
  public Optional<Boolean> digitalValue(int pin) {
    Integer mask = inputPorts.get(pin / 8);
    return mask == null ? Optional.empty() : Optional.of((mask & (1 << (pin % 8))) != 0);
  }

  /**
   * Forgets the last reported analog values and digital ports: the next report of each is
   * delivered to the listeners as a change, pin by pin. For a board that was reset or replaced
   * (after a reconnection), whose first reports must count even when they equal the old ones.
   */
  public void forgetInputs() {
    inputPorts.clear();
    analogValues.clear();
  }

  public FirmataStats stats() {
    return parser.stats();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    IOException closed = new IOException("Firmata client on " + link.portName() + " closed");
    failPending(firmwareQuery, closed);
    failPending(capabilityQuery, closed);
    failPending(mappingQuery, closed);
    link.close();
  }

  private CompletionStage<Void> send(FirmataMessage message) {
    return link.write(FirmataCodec.encode(message));
  }

  private void sysex(int command) {
    send(new FirmataMessage.Sysex(command, new byte[0]));
  }

  private void sendFirmwareQuery() {
    sysex(Firmata.REPORT_FIRMWARE);
  }

  private CompletableFuture<FirmwareInfo> firmwareFuture(Duration timeout) {
    CompletableFuture<FirmwareInfo> fresh = new CompletableFuture<>();
    CompletableFuture<FirmwareInfo> current = firmwareQuery.updateAndGet(
        f -> f == null || f.isDone() ? fresh : f);
    current.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return current;
  }

  private <T> CompletableFuture<T> pendingQuery(AtomicReference<CompletableFuture<T>> slot) {
    CompletableFuture<T> fresh = new CompletableFuture<>();
    CompletableFuture<T> current = slot.updateAndGet(f -> f == null || f.isDone() ? fresh : f);
    current.orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    return current;
  }

  private static <T> void failPending(AtomicReference<CompletableFuture<T>> slot, Throwable e) {
    CompletableFuture<T> f = slot.get();
    if (f != null) {
      f.completeExceptionally(e);
    }
  }

  private void handle(FirmataMessage message) {
    if (message instanceof FirmataMessage.Analog a) {
      analogValues.put(a.channel(), a.value());
      for (FirmataListener l : listeners) {
        safely(() -> l.onAnalog(a.channel(), a.value()));
      }
    } else if (message instanceof FirmataMessage.DigitalPort d) {
      Integer before = inputPorts.put(d.port(), d.mask());
      for (int bit = 0; bit < 8; bit++) {
        boolean high = (d.mask() & (1 << bit)) != 0;
        if (before == null || ((before & (1 << bit)) != 0) != high) {
          int pin = d.port() * 8 + bit;
          for (FirmataListener l : listeners) {
            safely(() -> l.onDigital(pin, high));
          }
        }
      }
    } else if (message instanceof FirmataMessage.Sysex s) {
      handleSysex(s);
    }
  }

  private void handleSysex(FirmataMessage.Sysex s) {
    byte[] d = s.data();
    switch (s.command()) {
      case Firmata.REPORT_FIRMWARE -> {
        if (d.length < 2) {
          return;
        }
        byte[] name = new byte[(d.length - 2) / 2];
        for (int i = 0; i < name.length; i++) {
          name[i] = (byte) FirmataCodec.read14(d, 2 + 2 * i);
        }
        complete(firmwareQuery, new FirmwareInfo(d[0], d[1],
            new String(name, StandardCharsets.UTF_8)));
      }
      case Firmata.CAPABILITY_RESPONSE -> complete(capabilityQuery, parseCapabilities(d));
      case Firmata.ANALOG_MAPPING_RESPONSE -> {
        Map<Integer, Integer> mapping = new HashMap<>();
        for (int pin = 0; pin < d.length; pin++) {
          if ((d[pin] & 0x7F) != Firmata.NONE) {
            mapping.put(pin, d[pin] & 0x7F);
          }
        }
        complete(mappingQuery, mapping);
      }
      case Firmata.STRING_DATA -> LOG.info("board {} says: {}", link.portName(),
          decodeString(d));
      default -> LOG.debug("ignoring sysex 0x{} from {}", Integer.toHexString(s.command()),
          link.portName());
    }
  }

  private static Map<Integer, Map<PinMode, Integer>> parseCapabilities(byte[] d) {
    Map<Integer, Map<PinMode, Integer>> pins = new HashMap<>();
    int pin = 0;
    Map<PinMode, Integer> modes = new EnumMap<>(PinMode.class);
    int i = 0;
    while (i < d.length) {
      if ((d[i] & 0x7F) == Firmata.NONE) {
        pins.put(pin++, Map.copyOf(modes));
        modes.clear();
        i++;
      } else if (i + 1 < d.length) {
        int code = d[i];
        int resolution = d[i + 1];
        PinMode.fromCode(code).ifPresent(m -> modes.put(m, resolution));
        i += 2;
      } else {
        break;
      }
    }
    return pins;
  }

  private static String decodeString(byte[] d) {
    byte[] text = new byte[d.length / 2];
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) FirmataCodec.read14(d, 2 * i);
    }
    return new String(text, StandardCharsets.UTF_8);
  }

  private static FirmataBoardInfo info(FirmwareInfo firmware,
      Map<Integer, Map<PinMode, Integer>> caps, Map<Integer, Integer> mapping) {
    List<PinCapability> pins = new ArrayList<>();
    for (int pin = 0; pin < caps.size(); pin++) {
      pins.add(new PinCapability(pin, caps.getOrDefault(pin, Map.of()),
          mapping.getOrDefault(pin, PinCapability.NO_ANALOG_CHANNEL)));
    }
    return new FirmataBoardInfo(firmware, pins);
  }

  private static <T> void complete(AtomicReference<CompletableFuture<T>> slot, T value) {
    CompletableFuture<T> f = slot.get();
    if (f != null) {
      f.complete(value);
    }
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("Firmata listener failed", e);
    }
  }
}
