package org.streetsense.gateway.uplink.impl;

import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.streetsense.gateway.uplink.UplinkDisconnectedException;
import org.streetsense.gateway.uplink.UplinkOverloadedException;

/**
 * The publishes of one MQTT session: at most {@code maxInflight} handed to Paho and awaiting
 * their acknowledgement, at most {@code maxQueued} more waiting in order behind them. Keeping
 * below Paho's own max inflight means "too many publishes in progress" (32202) never surfaces.
 * Closing the queue fails everything waiting or in flight; the caller retries on a new session.
 *
 * <p>Paho writes the publishes it was handed in the order it got them, one connection, one
 * sender thread. So that an urgent publish (an interaction event) is not written behind hundreds
 * of readings, ordinary publishes are handed over only while fewer than {@code maxUnwritten} of
 * those handed over are not yet taken by Paho's sender ({@code written} counts the ones it took
 * and that await their acknowledgement); urgent publishes wait only for a free slot of
 * {@code maxInflight}, ahead of every ordinary one (decision 0383). Ordinary publishes held back
 * are handed over as acknowledgements arrive, so nothing stalls: while any is held back, at least
 * {@code maxUnwritten} publishes are on their way to an acknowledgement or a failure.
 *
 * <p>Thread-safe. Promises complete through {@code completions} (the uplink's Vert.x context),
 * never on Paho's threads and never while holding the queue's lock.
 */
final class PublishQueue {

  /** One publish and the promise its caller holds; {@code urgent} goes ahead of the others. */
  record Pending(String topic, byte[] payload, int qos, boolean retained, boolean urgent,
      Promise<Void> promise) {}

  /** Hands one publish to Paho. */
  interface Sender {
    void send(Pending pending, IMqttActionListener listener) throws MqttException;
  }

  private final int maxInflight;
  private final int maxQueued;
  private final int maxUnwritten;
  private final IntSupplier written;
  private final Sender sender;
  private final Executor completions;
  private final String serverUri;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private final ArrayDeque<Pending> urgent = new ArrayDeque<>();
  private final Set<Pending> inflight = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean closed;

  /**
   * @param written publishes Paho's sender has taken from its queue and that await their
   *     acknowledgement (Paho's in-flight count); read on the threads that submit and settle
   */
  PublishQueue(int maxInflight, int maxQueued, int maxUnwritten, IntSupplier written,
      Sender sender, Executor completions, String serverUri) {
    this.maxInflight = maxInflight;
    this.maxQueued = maxQueued;
    this.maxUnwritten = maxUnwritten;
    this.written = written;
    this.sender = sender;
    this.completions = completions;
    this.serverUri = serverUri;
  }

  void submit(Pending p) {
    RuntimeException refused = null;
    synchronized (this) {
      if (closed) {
        refused = new UplinkDisconnectedException("MQTT uplink lost its session with "
            + serverUri + "; not sent: " + p.topic());
      } else {
        ArrayDeque<Pending> mine = p.urgent() ? urgent : waiting;
        mine.add(p);
        ArrayDeque<Pending> next = nextToHandOver();
        if (waiting.size() + urgent.size() > maxQueued && (next == null || next.peek() != p)) {
          mine.pollLast();
          refused = new UplinkOverloadedException("MQTT uplink has " + inflight.size()
              + " publishes in flight and " + (waiting.size() + urgent.size())
              + " queued; not sent: " + p.topic());
        }
      }
    }
    if (refused != null) {
      fail(p, refused);
      return;
    }
    drain();
  }

  /**
   * The queue whose first publish goes to Paho next, or {@code null} while none may (lock held):
   * urgent ones while a slot of {@code maxInflight} is free, ordinary ones also only while fewer
   * than {@code maxUnwritten} handed over are not yet written.
   */
  private ArrayDeque<Pending> nextToHandOver() {
    if (inflight.size() >= maxInflight) {
      return null;
    }
    if (!urgent.isEmpty()) {
      return urgent;
    }
    boolean room = inflight.size() - written.getAsInt() < maxUnwritten;
    return room && !waiting.isEmpty() ? waiting : null;
  }

  /** Publishes awaiting acknowledgement plus those queued behind them. */
  synchronized int size() {
    return inflight.size() + waiting.size() + urgent.size();
  }

  /** Fails everything waiting or in flight and refuses later submissions. */
  void close(String why, Throwable cause) {
    List<Pending> failed;
    synchronized (this) {
      closed = true;
      failed = new ArrayList<>(inflight);
      failed.addAll(urgent);
      failed.addAll(waiting);
      inflight.clear();
      urgent.clear();
      waiting.clear();
    }
    for (Pending p : failed) {
      fail(p, new UplinkDisconnectedException(why + "; not acknowledged: " + p.topic(), cause));
    }
  }

  private void drain() {
    List<Pending> rejected = new ArrayList<>();
    List<MqttException> errors = new ArrayList<>();
    synchronized (this) {
      for (ArrayDeque<Pending> next = nextToHandOver(); !closed && next != null;
          next = nextToHandOver()) {
        Pending p = next.poll();
        inflight.add(p);
        try {
          sender.send(p, new Listener(p));
        } catch (MqttException e) {
          inflight.remove(p);
          rejected.add(p);
          errors.add(e);
        }
      }
    }
    for (int i = 0; i < rejected.size(); i++) {
      fail(rejected.get(i), new UplinkDisconnectedException("MQTT client refused a publish to "
          + rejected.get(i).topic() + ": " + errors.get(i).getMessage(), errors.get(i)));
    }
  }

  private void finished(Pending p, Throwable failure) {
    boolean mine;
    synchronized (this) {
      mine = inflight.remove(p);
    }
    if (!mine) {
      return; // already failed by close()
    }
    if (failure == null) {
      completions.execute(() -> p.promise().tryComplete());
    } else {
      fail(p, new UplinkDisconnectedException("publish to " + p.topic() + " failed: "
          + failure.getMessage(), failure));
    }
    drain();
  }

  private void fail(Pending p, Throwable failure) {
    completions.execute(() -> p.promise().tryFail(failure));
  }

  private final class Listener implements IMqttActionListener {
    private final Pending pending;

    Listener(Pending pending) {
      this.pending = pending;
    }

    @Override
    public void onSuccess(IMqttToken token) {
      finished(pending, null);
    }

    @Override
    public void onFailure(IMqttToken token, Throwable failure) {
      finished(pending, failure == null ? new IllegalStateException("no reason given") : failure);
    }
  }
}
