package org.streetsense.gateway.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.bridge.link.ReconnectingLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.status.DeviceStatus;

/**
 * The installation's microcontroller boards and the devices read through them. Each board's port
 * is opened through {@link HardwareBackend#serial} inside a
 * {@link ReconnectingLink}, so a board that is absent at start or unplugged later is picked up
 * when it appears; Streetsense firmware is driven by a
 * {@link org.streetsense.bridge.session.BoardSession}, StandardFirmata by a
 * {@link org.streetsense.bridge.firmata.FirmataClient}. Pins are configured again after every
 * reconnection and board reset.
 *
 * <p>Every value goes through the device's {@link org.streetsense.gateway.channel.ChannelProcessor}
 * and then to the consumer, as for devices on the Pi. While a board is unplugged or silent its
 * devices publish one FAULT reading and report {@code absent}; a refused configuration reports
 * {@code fault}.
 *
 * <p>Threads: all channel processing and all calls of the consumer happen on one thread owned by
 * this object ({@code boards}). {@link #start()} never blocks; {@link #statuses()} may be called
 * from any thread.
 */
public final class Boards implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Boards.class);

  private final ScheduledExecutorService thread;
  private final Executor handOff;
  private final BoardsOptions options;
  private final Map<String, BoardInput> inputs = new LinkedHashMap<>();
  private final List<BoardConnection> connections = new ArrayList<>();

  private Boards(BoardsOptions options) {
    this.options = options;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "boards");
      t.setDaemon(true);
      return t;
    });
    this.handOff = task -> {
      try {
        thread.execute(task);
      } catch (RejectedExecutionException e) {
        LOG.debug("boards closed; dropping a late board callback");
      }
    };
  }

  /**
   * Prepares the connections of every board that at least one input uses; nothing is opened
   * before {@link #start()}.
   *
   * @param installation installation id, for observations
   * @param boards the {@code boards:} entries
   * @param specs the board devices
   * @param backend opens serial ports ({@link HardwareBackend#serial}); its time source stamps
   *     observations
   * @param consumer receives observations on the boards thread
   * @throws IllegalArgumentException if an input names a board that is not in {@code boards}
   */
  public static Boards create(String installation, List<BoardSpec> boards,
      List<BoardInputSpec> specs, HardwareBackend backend, Consumer<Observation> consumer,
      BoardsOptions options) {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(consumer, "consumer");
    Boards b = new Boards(Objects.requireNonNull(options, "options"));
    Map<String, List<BoardInput>> byBoard = new LinkedHashMap<>();
    for (BoardInputSpec spec : specs) {
      if (boards.stream().noneMatch(bs -> bs.id().equals(spec.boardId()))) {
        throw new IllegalArgumentException("device " + spec.deviceId() + " names board '"
            + spec.boardId() + "', which is not in boards");
      }
      BoardInput input = new BoardInput(installation, spec, backend.time(), consumer);
      b.inputs.put(spec.deviceId(), input);
      byBoard.computeIfAbsent(spec.boardId(), k -> new ArrayList<>()).add(input);
    }
    for (BoardSpec board : boards) {
      List<BoardInput> used = byBoard.get(board.id());
      if (used != null) {
        b.connections.add(b.connection(board, used, backend));
      }
    }
    return b;
  }

  private BoardConnection connection(BoardSpec board, List<BoardInput> used,
      HardwareBackend backend) {
    SerialLinkOptions port = new SerialLinkOptions(board.port(), board.baud());
    ReconnectingLink link = new ReconnectingLink(board.port(),
        () -> new BackendSerialLink(backend, port), options.reconnect());
    return board.protocol() == BoardProtocol.FIRMATA
        ? new FirmataBoard(board.id(), link, options.firmata(), used, handOff)
        : new StreetsenseBoard(board.id(), link, options.session(), used, handOff);
  }

  /** Starts connecting to every board in the background. Call once. */
  public void start() {
    long tick = options.tick().toMillis();
    thread.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    connections.forEach(BoardConnection::start);
  }

  private void tick() {
    for (BoardInput input : inputs.values()) {
      try {
        input.tick();
      } catch (RuntimeException e) {
        // a failing consumer must not cancel the periodic tick
        LOG.warn("closing windows of {}: {}", input.spec().deviceId(), e.toString());
      }
    }
  }

  /** Health of the device {@code deviceId}, if it is a board device. Any thread. */
  public Optional<DeviceStatus> status(String deviceId) {
    return Optional.ofNullable(inputs.get(deviceId)).map(BoardInput::status);
  }

  /** Health of every board device, in configuration order. Any thread. */
  public List<DeviceStatus> statuses() {
    return inputs.values().stream().map(BoardInput::status).toList();
  }

  /** Closes every board connection and stops the boards thread. Never throws. */
  @Override
  public void close() {
    for (BoardConnection c : connections) {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.warn("closing a board connection: {}", e.toString());
      }
    }
    thread.shutdownNow();
  }
}
