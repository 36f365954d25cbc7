package org.streetsense.gateway.board;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output pins of one board and what happens to them as the board comes and goes: ready once
 * the connection drove their safe level after a handshake, lost (reported once to the loss
 * listener, on the boards thread) when the board is unplugged, falls silent or resets, faulted
 * when the board refuses a pin. Thread-safe.
 */
final class BoardOutputs {

  private static final Logger LOG = LoggerFactory.getLogger(BoardOutputs.class);

  private final String boardId;
  private final List<BoardOutput> outputs;
  private final Executor thread;
  private final Consumer<BoardOutput> onLost;
  private final Consumer<BoardOutput> onSettled;
  private volatile BoardOutputDriver driver;

  /**
   * @param onLost told, on {@code thread}, about each output whose board went away while it was
   *     ready
   * @param onSettled told, on {@code thread}, about each output whose board confirmed its safe
   *     level after a handshake, or refused its pin
   */
  BoardOutputs(String boardId, List<BoardOutput> outputs, Executor thread,
      Consumer<BoardOutput> onLost, Consumer<BoardOutput> onSettled) {
    this.boardId = Objects.requireNonNull(boardId, "boardId");
    this.outputs = List.copyOf(outputs);
    this.thread = Objects.requireNonNull(thread, "thread");
    this.onLost = Objects.requireNonNull(onLost, "onLost");
    this.onSettled = Objects.requireNonNull(onSettled, "onSettled");
  }

  void attach(BoardOutputDriver d) {
    driver = d;
    outputs.forEach(o -> o.attach(d));
  }

  List<BoardOutput> all() {
    return outputs;
  }

  void ready(BoardOutput output) {
    output.ready();
    LOG.info("board {}: output {} on {} driven to its safe level {}", boardId, output.id(),
        output.spec().pin(), output.safeLevel());
    thread.execute(() -> onSettled.accept(output));
  }

  void fault(BoardOutput output, String reason) {
    output.fault(reason);
    LOG.warn("board {}: output {} cannot be driven: {}", boardId, output.id(), reason);
    thread.execute(() -> onSettled.accept(output));
  }

  /** Every ready output is lost: each is reported once, until it is ready again. */
  void lostAll(String reason) {
    for (BoardOutput output : outputs) {
      if (output.lost(reason)) {
        LOG.warn("output {}: {}; it is driven to its safe level when the board is back",
            output.id(), reason);
        thread.execute(() -> onLost.accept(output));
      }
    }
  }

  /**
   * Drives every ready output to its safe level and waits for each, at most
   * {@link BoardOutput#WRITE_TIMEOUT}: the last thing before the connection closes.
   */
  void driveSafeBeforeClose() {
    BoardOutputDriver d = driver;
    for (BoardOutput output : outputs) {
      if (d == null || !output.isReady()) {
        continue;
      }
      try {
        d.drive(output, output.safeLevel()).get(BoardOutput.WRITE_TIMEOUT.toMillis(),
            TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        LOG.warn("output {}: safe level at shutdown not confirmed by board {}: {}", output.id(),
            boardId, e.toString());
      }
      output.lost("board " + boardId + " closed");
    }
  }
}
