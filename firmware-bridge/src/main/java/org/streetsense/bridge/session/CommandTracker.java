package org.streetsense.bridge.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.protocol.BoardCommand;
import org.streetsense.bridge.protocol.BoardMessage;
import org.streetsense.bridge.protocol.MessageCodec;
import org.streetsense.bridge.protocol.NackReason;

/**
 * Commands in flight for a {@link BoardSession}: sends each with its seq, resends it with the same
 * seq after each request timeout, and completes its future on ACK, NACK, retries exhausted or
 * {@link #failAll}. Thread-safe: ACK/NACK arrive on the link thread, timeouts on the timer.
 */
final class CommandTracker {

  private static final Logger LOG = LoggerFactory.getLogger(CommandTracker.class);

  private final SerialLink link;
  private final ScheduledExecutorService timer;
  private final BoardSessionOptions options;
  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

  CommandTracker(SerialLink link, ScheduledExecutorService timer, BoardSessionOptions options) {
    this.link = link;
    this.timer = timer;
    this.options = options;
  }

  CompletableFuture<Void> send(BoardCommand command, int seq) {
    Pending p = new Pending(command, seq, new CompletableFuture<>());
    pending.put(seq, p);
    transmit(p);
    return p.done;
  }

  void ack(int commandSeq) {
    Pending p = pending.remove(commandSeq);
    if (p != null) {
      p.cancelTimeout();
      p.done.complete(null);
    }
  }

  void nack(int commandSeq, NackReason reason) {
    Pending p = pending.remove(commandSeq);
    if (p != null) {
      p.cancelTimeout();
      p.done.completeExceptionally(new CommandRejectedException(p.command, reason));
    }
  }

  void failAll(Throwable cause) {
    List<Pending> all = new ArrayList<>(pending.values());
    pending.clear();
    for (Pending p : all) {
      p.cancelTimeout();
      p.done.completeExceptionally(cause);
    }
  }

  private void transmit(Pending p) {
    p.attempts++;
    try {
      p.timeout = timer.schedule(() -> timedOut(p), options.requestTimeout().toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      pending.remove(p.seq);
      p.done.completeExceptionally(new java.io.IOException("board session closed", e));
      return;
    }
    link.write(MessageCodec.toPacket(new BoardMessage.Command(p.command), p.seq).toFrame());
  }

  private void timedOut(Pending p) {
    if (pending.get(p.seq) != p) {
      return;
    }
    if (p.attempts > options.retries()) {
      pending.remove(p.seq);
      p.done.completeExceptionally(new BoardTimeoutException("no ACK from board on "
          + link.portName() + " for " + p.command + " after " + p.attempts + " attempts"));
      return;
    }
    LOG.debug("resending {} (seq {}) to {}", p.command, p.seq, link.portName());
    transmit(p);
  }

  private static final class Pending {
    final BoardCommand command;
    final int seq;
    final CompletableFuture<Void> done;
    int attempts;
    volatile ScheduledFuture<?> timeout;

    Pending(BoardCommand command, int seq, CompletableFuture<Void> done) {
      this.command = command;
      this.seq = seq;
      this.done = done;
    }

    void cancelTimeout() {
      ScheduledFuture<?> t = timeout;
      if (t != null) {
        t.cancel(false);
      }
    }
  }
}
