package org.streetsense.gateway.board;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
final class StreetsenseBoard implements BoardConnection, BoardListener, ConnectionListener {

  private static final Logger LOG = LoggerFactory.getLogger(StreetsenseBoard.class);

  private final String boardId;
  private final ReconnectingLink link;
  private final BoardSession session;
  private final List<BoardInput> inputs;
  private final Executor thread;
  private final Map<Integer, BoardInput> byChannel = new ConcurrentHashMap<>();

  StreetsenseBoard(String boardId, ReconnectingLink link, BoardSessionOptions options,
      List<BoardInput> inputs, Executor thread) {
    this.boardId = boardId;
    this.link = link;
    this.session = new BoardSession(link, options);
    this.inputs = List.copyOf(inputs);
    this.thread = thread;
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
      faultAll("board " + boardId + " is " + to.name().toLowerCase(java.util.Locale.ROOT), true);
    }
  }

  @Override
  public void disconnected(String portName, Throwable cause) {
    faultAll("board " + boardId + " unplugged from " + portName, true);
  }

  private void faultAll(String reason, boolean absent) {
    for (BoardInput input : inputs) {
      thread.execute(() -> input.fault(reason, absent));
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
