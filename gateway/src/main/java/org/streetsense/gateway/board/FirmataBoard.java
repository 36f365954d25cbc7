package org.streetsense.gateway.board;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.bridge.firmata.FirmataBoardInfo;
import org.streetsense.bridge.firmata.FirmataClient;
import org.streetsense.bridge.firmata.FirmataClientOptions;
import org.streetsense.bridge.firmata.FirmataListener;
import org.streetsense.bridge.firmata.PinCapability;
import org.streetsense.bridge.firmata.PinMode;
import org.streetsense.bridge.link.ConnectionListener;
import org.streetsense.bridge.link.ReconnectingLink;

/**
 * A board running StandardFirmata. After every (re)connection the firmware is queried again and
 * the inputs' pins are set up: analog pins in ANALOG mode with analog reporting, digital pins as
 * INPUT with their port's digital reporting. Firmata has one sampling interval per board: the
 * shortest of the inputs' intervals is used. It has no HC-SR04 support, so distance inputs fault.
 * Unplugging faults every input until values flow again. A connected board that does not answer
 * is asked again every 2 s. StandardFirmata sends a port's levels when its reporting is enabled,
 * and the client forgets the previous board's levels on every start, so every digital input's
 * level is reported after every (re)connection.
 *
 * <p>Outputs come first once the board answered: each output pin is set to OUTPUT, PWM or SERVO
 * and driven to its safe level before any input is set up and before it takes commands.
 * StandardFirmata has no acknowledgements, so a write counts as done when its bytes were written;
 * setting OUTPUT makes the pin drive its port latch (low after reset) until the safe write, a few
 * bytes later.
 */
final class FirmataBoard implements BoardConnection, FirmataListener, ConnectionListener,
    BoardOutputDriver {

  private static final Logger LOG = LoggerFactory.getLogger(FirmataBoard.class);
  /** StandardFirmata's own default when no input asks for a period. */
  private static final Duration DEFAULT_SAMPLING = Duration.ofMillis(19);
  /** Pause before asking a connected board that did not answer again. */
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final String boardId;
  private final ReconnectingLink link;
  private final FirmataClient client;
  private final List<BoardInput> inputs;
  private final Executor thread;
  private final AtomicBoolean starting = new AtomicBoolean();
  private final BoardOutputs outputs;
  private final Map<String, Integer> outputPins = new ConcurrentHashMap<>();
  private volatile boolean closed;

  FirmataBoard(String boardId, ReconnectingLink link, FirmataClientOptions options,
      List<BoardInput> inputs, BoardOutputs outputs, Executor thread) {
    this.boardId = boardId;
    this.link = link;
    this.client = new FirmataClient(link, options);
    this.inputs = List.copyOf(inputs);
    this.outputs = outputs;
    this.thread = thread;
    outputs.attach(this);
  }

  @Override
  public void start() {
    client.addListener(this);
    link.addConnectionListener(this);
    identify();
  }

  @Override
  public void connected(String portName) {
    identify();
  }

  @Override
  public void disconnected(String portName, Throwable cause) {
    outputs.lostAll("board " + boardId + " unplugged from " + portName);
    faultAll("board " + boardId + " unplugged from " + portName, true);
  }

  private void identify() {
    if (!starting.compareAndSet(false, true)) {
      return;
    }
    client.start().whenComplete((info, e) -> {
      starting.set(false);
      if (e != null) {
        if (closed) {
          return;
        }
        LOG.warn("firmata board {} on {} does not answer ({}); asking again in {} ms",
            boardId, link.portName(), e.getMessage(), RETRY.toMillis());
        faultAll("board " + boardId + " does not answer on " + link.portName(), true);
        CompletableFuture.delayedExecutor(RETRY.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
          if (!closed && link.isOpen()) {
            identify();
          }
        });
      } else {
        LOG.info("firmata board {}: {}", boardId, info.firmware());
        configure(info);
      }
    });
  }

  private void configure(FirmataBoardInfo info) {
    outputs.lostAll("board " + boardId + " was identified again; its outputs were released");
    outputPins.clear();
    for (BoardOutput output : outputs.all()) {
      configure(info, output);
    }
    Duration sampling = inputs.stream().map(i -> i.spec().interval())
        .filter(d -> !d.isZero()).min(Duration::compareTo).orElse(DEFAULT_SAMPLING);
    client.setSamplingInterval(sampling);
    // Every digital input's mode is set before any port reports: StandardFirmata's report of a
    // port reads its pins not yet set as inputs as low, so a port reporting while its pins are
    // set one by one would show each later pin low and then at its level, an edge nobody made.
    java.util.SortedSet<Integer> digitalPorts = new java.util.TreeSet<>();
    for (BoardInput input : inputs) {
      BoardInputSpec spec = input.spec();
      if (spec.kind() == BoardInputKind.DISTANCE) {
        thread.execute(() -> input.fault("board " + boardId + " runs StandardFirmata, which"
            + " has no distance ranger; use protocol: streetsense", false));
      } else if (spec.analog()) {
        Optional<PinCapability> pin = info.analogPin(spec.pinNumber());
        if (pin.isEmpty()) {
          thread.execute(() -> input.fault("board " + boardId + " has no analog pin "
              + spec.pin(), false));
          continue;
        }
        client.setPinMode(pin.get().pin(), PinMode.ANALOG);
        client.reportAnalog(spec.pinNumber(), true);
      } else {
        int pin = spec.pinNumber();
        client.setPinMode(pin, PinMode.INPUT);
        digitalPorts.add(pin / 8);
      }
    }
    for (int port : digitalPorts) {
      client.reportDigital(port, true);
    }
  }

  /** Sets the output pin's mode and writes its safe level; ready once both bytes left. */
  private void configure(FirmataBoardInfo info, BoardOutput output) {
    BoardOutputSpec spec = output.spec();
    PinMode mode = switch (spec.kind()) {
      case DIGITAL -> PinMode.OUTPUT;
      case PWM -> PinMode.PWM;
      case SERVO -> PinMode.SERVO;
    };
    Optional<PinCapability> pin = spec.analogName() ? info.analogPin(spec.pinNumber())
        : info.pins().stream().filter(p -> p.pin() == spec.pinNumber()).findFirst();
    if (pin.isEmpty() || !pin.get().supports(mode)) {
      outputs.fault(output, "board " + boardId + " has no " + mode + " on " + spec.pin()
          + " (pins with " + mode + ": " + info.pins().stream().filter(p -> p.supports(mode))
          .map(PinCapability::pin).toList() + ")");
      return;
    }
    int number = pin.get().pin();
    outputPins.put(spec.deviceId(), number);
    client.setPinMode(number, mode).toCompletableFuture()
        .thenCompose(v -> write(spec, number, spec.safeLevel()))
        .whenComplete((v, e) -> {
          if (e != null) {
            outputs.fault(output, "board " + boardId + ": " + spec.pin() + " not set up: "
                + e.getMessage());
          } else {
            outputs.ready(output);
          }
        });
  }

  private CompletableFuture<Void> write(BoardOutputSpec spec, int pin, double level) {
    java.util.concurrent.CompletionStage<Void> sent = switch (spec.kind()) {
      case DIGITAL -> client.digitalWrite(pin, spec.pinHigh(level));
      case PWM -> client.analogWrite(pin, spec.duty(level));
      case SERVO -> client.analogWrite(pin, spec.angle(level));
    };
    return sent.toCompletableFuture();
  }

  @Override
  public CompletableFuture<Void> drive(BoardOutput output, double level) {
    Integer pin = outputPins.get(output.id());
    if (!output.isReady() || pin == null || !link.isOpen()) {
      return CompletableFuture.failedFuture(BoardOutput.notReady(output.spec(),
          link.isOpen() ? "is not ready" : "is not connected"));
    }
    return write(output.spec(), pin, level);
  }

  @Override
  public void onAnalog(int channel, int value) {
    for (BoardInput input : inputs) {
      if (input.spec().analog() && input.spec().pinNumber() == channel) {
        thread.execute(() -> input.accept(value));
      }
    }
  }

  @Override
  public void onDigital(int pin, boolean high) {
    for (BoardInput input : inputs) {
      BoardInputSpec spec = input.spec();
      if (spec.kind() == BoardInputKind.PIN && !spec.analog() && spec.pinNumber() == pin) {
        // on the reader thread: an edge does not queue behind analog readings on the boards thread
        input.edge(high);
      }
    }
  }

  private void faultAll(String reason, boolean absent) {
    for (BoardInput input : inputs) {
      thread.execute(() -> input.fault(reason, absent));
    }
  }

  @Override
  public void close() {
    closed = true;
    outputs.driveSafeBeforeClose();
    client.close();
    link.close();
  }
}
