package org.streetsense.gateway.board;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.bridge.link.ConnectionListener;
import org.streetsense.bridge.link.ReconnectingLink;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.ChannelMode;
import org.streetsense.bridge.protocol.Unit;
import org.streetsense.bridge.session.BoardInfo;
import org.streetsense.bridge.session.BoardListener;
import org.streetsense.bridge.session.BoardSession;
import org.streetsense.bridge.session.BoardSessionOptions;
import org.streetsense.bridge.session.BoardState;

/**
 * A board running Streetsense firmware. On every {@code onReady} (first hello and after each
 * reset) each input's channel is looked up in the board's capabilities and configured again;
 * readings are handed to the inputs on the {@link Boards} thread, edges on the session's reader
 * thread ({@link BoardInput#edge}: interaction events). Unplugging (the link
 * lost its port) or silence (the session is LOST) faults every input until values flow again.
 *
 * <p>Outputs come first on every {@code onReady}: each output channel is configured (digital
 * output or PWM) and driven to its safe level before any input is configured and before the
 * output takes commands. CONFIGURE and the safe write are sent back to back without waiting for
 * the ACK in between, so the pin sits at its reset latch (low) only for the time the board needs
 * to read one frame. Losing the board, or a reset, is reported through {@link BoardOutputs}.
 */
final class StreetsenseBoard implements BoardConnection, BoardListener, ConnectionListener,
    BoardOutputDriver {

  private static final Logger LOG = LoggerFactory.getLogger(StreetsenseBoard.class);

  private final String boardId;
  private final ReconnectingLink link;
  private final BoardSession session;
  private final List<BoardInput> inputs;
  private final Executor thread;
  private final Map<Integer, BoardInput> byChannel = new ConcurrentHashMap<>();
  private final BoardOutputs outputs;
  private final Map<String, Integer> outputChannels = new ConcurrentHashMap<>();

  StreetsenseBoard(String boardId, ReconnectingLink link, BoardSessionOptions options,
      List<BoardInput> inputs, BoardOutputs outputs, Executor thread) {
    this.boardId = boardId;
    this.link = link;
    this.session = new BoardSession(link, options);
    this.inputs = List.copyOf(inputs);
    this.outputs = outputs;
    this.thread = thread;
    outputs.attach(this);
  }

  @Override
  public void start() {
    link.addConnectionListener(this);
    session.addListener(this);
    session.start().whenComplete((info, e) -> {
      if (e != null) {
        LOG.warn("board {} on {} not ready yet ({}); still trying", boardId, link.portName(),
            e.getMessage());
        faultAll("board " + boardId + " does not answer on " + link.portName(), true);
      }
    });
  }

  @Override
  public void onReady(BoardInfo info) {
    outputs.lostAll("board " + boardId + " reset; its outputs were released");
    outputChannels.clear();
    for (BoardOutput output : outputs.all()) {
      configure(info, output);
    }
    byChannel.clear();
    for (BoardInput input : inputs) {
      configure(info, input);
    }
  }

  private void configure(BoardInfo info, BoardInput input) {
    BoardInputSpec spec = input.spec();
    Optional<BoardMessage.Channel> channel = channelFor(info, spec);
    if (channel.isEmpty()) {
      String names = info.capabilities().channels().stream().map(BoardMessage.Channel::name)
          .toList().toString();
      thread.execute(() -> input.fault("board " + boardId + " has no "
          + (spec.kind() == BoardInputKind.DISTANCE ? "distance ranger" : "pin " + spec.pin())
          + " (it has " + names + ")", false));
      return;
    }
    int id = channel.get().id();
    ChannelMode mode = mode(spec, channel.get());
    byChannel.put(id, input);
    session.send(new BoardCommand.Configure(id, mode, spec.interval())).whenComplete((v, e) -> {
      if (e != null) {
        thread.execute(() -> input.fault("board " + boardId + " refused to configure "
            + spec.pin() + " as " + mode + ": " + e.getMessage(), false));
      }
    });
  }

  /** Configures an output channel and drives its safe level; the output is ready after both ACKs. */
  private void configure(BoardInfo info, BoardOutput output) {
    BoardOutputSpec spec = output.spec();
    Optional<BoardMessage.Channel> channel = info.channel(spec.pin());
    ChannelMode mode = spec.kind() == BoardOutputKind.PWM ? ChannelMode.PWM
        : ChannelMode.DIGITAL_OUTPUT;
    if (spec.kind() == BoardOutputKind.SERVO) {
      outputs.fault(output, "board " + boardId + " runs Streetsense firmware, which has no servo"
          + " mode; use protocol: firmata");
      return;
    }
    if (channel.isEmpty() || !channel.get().modes().contains(mode)) {
      String names = info.capabilities().channels().stream()
          .filter(c -> c.modes().contains(mode)).map(BoardMessage.Channel::name).toList()
          .toString();
      outputs.fault(output, "board " + boardId + " has no " + (mode == ChannelMode.PWM
          ? "PWM" : "digital output") + " on " + spec.pin() + " (it has " + names + ")");
      return;
    }
    int id = channel.get().id();
    outputChannels.put(spec.deviceId(), id);
    CompletableFuture<Void> configured =
        session.send(new BoardCommand.Configure(id, mode, Duration.ZERO));
    CompletableFuture<Void> safe = session.send(write(spec, id, spec.safeLevel()));
    CompletableFuture.allOf(configured, safe).whenComplete((v, e) -> {
      if (e != null) {
        outputs.fault(output, "board " + boardId + " refused " + spec.pin() + " as " + mode
            + ": " + rootMessage(e));
      } else {
        outputs.ready(output);
      }
    });
  }

  private static BoardCommand write(BoardOutputSpec spec, int channel, double level) {
    return spec.kind() == BoardOutputKind.PWM
        ? new BoardCommand.SetPwm(channel, spec.duty(level))
        : new BoardCommand.SetDigital(channel, spec.pinHigh(level));
  }

  @Override
  public CompletableFuture<Void> drive(BoardOutput output, double level) {
    Integer channel = outputChannels.get(output.id());
    if (!output.isReady() || channel == null) {
      return CompletableFuture.failedFuture(BoardOutput.notReady(output.spec(),
          link.isOpen() ? "is not ready" : "is not connected"));
    }
    return session.send(write(output.spec(), channel, level));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t != t.getCause()) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  private static Optional<BoardMessage.Channel> channelFor(BoardInfo info, BoardInputSpec spec) {
    if (spec.kind() == BoardInputKind.PIN) {
      return info.channel(spec.pin());
    }
    return info.channel(spec.pin()).filter(c -> c.modes().contains(ChannelMode.DISTANCE))
        .or(() -> info.capabilities().channels().stream()
            .filter(c -> c.modes().contains(ChannelMode.DISTANCE)).findFirst());
  }

  private static ChannelMode mode(BoardInputSpec spec, BoardMessage.Channel channel) {
    if (spec.kind() == BoardInputKind.DISTANCE) {
      return ChannelMode.DISTANCE;
    }
    return spec.analog() && channel.modes().contains(ChannelMode.ANALOG_INPUT)
        ? ChannelMode.ANALOG_INPUT : ChannelMode.DIGITAL_INPUT;
  }

  @Override
  public void onReading(BoardMessage.Reading reading) {
    BoardInput input = byChannel.get(reading.channel());
    if (input == null) {
      return;
    }
    double value = reading.unit() == Unit.MILLIMETRE ? reading.value() / 10.0 : reading.value();
    BoardInputSpec spec = input.spec();
    if (spec.kind() == BoardInputKind.PIN && !spec.analog()) {
      // a digital pin's level (after CONFIGURE, or sampled): on the reader thread, in order with
      // its EVENTs, so the next edge is known to be one
      input.edge(value != 0);
      return;
    }
    thread.execute(() -> input.accept(value));
  }

  @Override
  public void onEvent(BoardMessage.Event event) {
    BoardInput input = byChannel.get(event.channel());
    if (input != null) {
      // on the reader thread: an edge does not queue behind readings on the boards thread
      input.edge(event.high());
    }
  }

  @Override
  public void onStateChanged(BoardState from, BoardState to) {
    if (to == BoardState.LOST || to == BoardState.DISCONNECTED) {
      outputs.lostAll("board " + boardId + " is " + to.name().toLowerCase(java.util.Locale.ROOT));
      faultAll("board " + boardId + " is " + to.name().toLowerCase(java.util.Locale.ROOT), true);
    }
  }

  @Override
  public void disconnected(String portName, Throwable cause) {
    outputs.lostAll("board " + boardId + " unplugged from " + portName);
    faultAll("board " + boardId + " unplugged from " + portName, true);
  }

  private void faultAll(String reason, boolean absent) {
    for (BoardInput input : inputs) {
      thread.execute(() -> input.fault(reason, absent));
    }
  }

  @Override
  public void close() {
    outputs.driveSafeBeforeClose();
    session.close();
  }
}
