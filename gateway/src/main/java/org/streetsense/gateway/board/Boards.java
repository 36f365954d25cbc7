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
import org.streetsense.gateway.actuator.Actuator;
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
 * <p>Output pins ({@link BoardOutputSpec}) are {@link Actuator}s ({@link #outputs()}): each is
 * driven to its safe level first thing after every handshake, takes commands only while its board
 * is ready, reports a loss of its board once to {@link #onOutputLost}, and is driven safe again
 * before its connection closes.
 *
 * <p>A digital pin's edges are interaction events ({@code rise}/{@code fall}, see
 * {@link BoardInput#edge}) beside its level reading, so they travel on the interaction lane.
 *
 * <p>Threads: channel processing of readings and faults, and those calls of the consumer, happen
 * on one thread owned by this object ({@code boards}); a digital pin's edges are processed on the
 * board's serial reader thread, under that input's own lock, so they never queue behind analog
 * readings. {@link #start()} never blocks; {@link #statuses()} may be called from any thread.
 */
public final class Boards implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Boards.class);

  private final ScheduledExecutorService thread;
  private final Executor handOff;
  private final BoardsOptions options;
  private final Map<String, BoardInput> inputs = new LinkedHashMap<>();
  private final Map<String, BoardOutput> outputs = new LinkedHashMap<>();
  private final List<BoardConnection> connections = new ArrayList<>();
  private volatile Consumer<String> outputLost = id -> { };
  private volatile Consumer<String> outputSettled = id -> { };

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
   * @param specs the board input devices
   * @param outputSpecs the board output pins
   * @param backend opens serial ports ({@link HardwareBackend#serial}); its time source stamps
   *     observations
   * @param consumer receives observations on the boards thread and, for digital edges, on the
   *     board's serial reader thread; must not block
   * @throws IllegalArgumentException if an input or output names a board that is not in
   *     {@code boards}
   */
  public static Boards create(String installation, List<BoardSpec> boards,
      List<BoardInputSpec> specs, List<BoardOutputSpec> outputSpecs, HardwareBackend backend,
      Consumer<Observation> consumer, BoardsOptions options) {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(consumer, "consumer");
    Boards b = new Boards(Objects.requireNonNull(options, "options"));
    Map<String, List<BoardInput>> byBoard = new LinkedHashMap<>();
    for (BoardInputSpec spec : specs) {
      if (boards.stream().noneMatch(bs -> bs.id().equals(spec.boardId()))) {
        throw new IllegalArgumentException("device " + spec.deviceId() + " names board '"
            + spec.boardId() + "', which is not in boards");
      }
      BoardInput input = new BoardInput(installation, spec, backend.time(), consumer,
          b::schedule);
      b.inputs.put(spec.deviceId(), input);
      byBoard.computeIfAbsent(spec.boardId(), k -> new ArrayList<>()).add(input);
    }
    Map<String, List<BoardOutput>> outputsByBoard = new LinkedHashMap<>();
    for (BoardOutputSpec spec : outputSpecs) {
      if (boards.stream().noneMatch(bs -> bs.id().equals(spec.boardId()))) {
        throw new IllegalArgumentException("device " + spec.deviceId() + " names board '"
            + spec.boardId() + "', which is not in boards");
      }
      BoardOutput output = new BoardOutput(spec);
      b.outputs.put(spec.deviceId(), output);
      outputsByBoard.computeIfAbsent(spec.boardId(), k -> new ArrayList<>()).add(output);
    }
    for (BoardSpec board : boards) {
      List<BoardInput> used = byBoard.getOrDefault(board.id(), List.of());
      List<BoardOutput> driven = outputsByBoard.getOrDefault(board.id(), List.of());
      if (!used.isEmpty() || !driven.isEmpty()) {
        b.connections.add(b.connection(board, used, driven, backend));
      }
    }
    return b;
  }

  /** Boards with inputs only (no output pins). */
  public static Boards create(String installation, List<BoardSpec> boards,
      List<BoardInputSpec> specs, HardwareBackend backend, Consumer<Observation> consumer,
      BoardsOptions options) {
    return create(installation, boards, specs, List.of(), backend, consumer, options);
  }

  private BoardConnection connection(BoardSpec board, List<BoardInput> used,
      List<BoardOutput> driven, HardwareBackend backend) {
    SerialLinkOptions port = new SerialLinkOptions(board.port(), board.baud());
    ReconnectingLink link = new ReconnectingLink(board.port(),
        () -> new BackendSerialLink(backend, port), options.reconnect());
    BoardOutputs outs = new BoardOutputs(board.id(), driven, handOff,
        o -> outputLost.accept(o.id()), o -> outputSettled.accept(o.id()));
    return board.protocol() == BoardProtocol.FIRMATA
        ? new FirmataBoard(board.id(), link, options.firmata(), used, outs, handOff)
        : new StreetsenseBoard(board.id(), link, options.session(), used, outs, handOff);
  }

  /**
   * The output pins, as actuators in configuration order. Each starts at its safe level and
   * refuses commands (with a {@link org.streetsense.gateway.hardware.HardwareIoException}) until
   * its board answered and the safe level was driven.
   */
  public List<Actuator> outputs() {
    return List.copyOf(outputs.values());
  }

  /**
   * Whom to tell, with the output's id, when an output's board went away (unplugged, silent,
   * reset) while the output was ready: the command processor returns it to safe and publishes
   * that (cause {@code hardware_lost}). Called on the boards thread, once per loss.
   */
  public void onOutputLost(Consumer<String> listener) {
    outputLost = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Whom to tell, with the output's id, when an output's board confirmed its safe level after a
   * handshake (start, replug, reset) or refused its pin ({@link Actuator#fault()}): the command
   * processor publishes its state then, so a retained state never says safe before the board
   * drove it. Called on the boards thread.
   */
  public void onOutputSettled(Consumer<String> listener) {
    outputSettled = Objects.requireNonNull(listener, "listener");
  }

  /** Runs {@code task} on the boards thread after {@code delay} (the end of an edge's lockout). */
  private org.streetsense.gateway.driver.Cancellable schedule(java.time.Duration delay,
      Runnable task) {
    try {
      java.util.concurrent.ScheduledFuture<?> f =
          thread.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      return () -> { };
    }
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

  /**
   * Health of the device {@code deviceId}, if it is a board device: an output is {@code ok} while
   * its board is ready, {@code absent} while it is away, {@code fault} if it refused the pin. Any
   * thread.
   */
  public Optional<DeviceStatus> status(String deviceId) {
    return Optional.ofNullable(inputs.get(deviceId)).map(BoardInput::status)
        .or(() -> Optional.ofNullable(outputs.get(deviceId)).map(BoardOutput::status));
  }

  /** Health of every board input, then every board output, in configuration order. Any thread. */
  public List<DeviceStatus> statuses() {
    List<DeviceStatus> all = new ArrayList<>();
    inputs.values().forEach(i -> all.add(i.status()));
    outputs.values().forEach(o -> all.add(o.status()));
    return all;
  }

  /**
   * Drives every ready output to its safe level (waiting for each board's confirmation, at most
   * {@link BoardOutput#WRITE_TIMEOUT} per output), then closes every board connection and stops
   * the boards thread. Never throws.
   */
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
