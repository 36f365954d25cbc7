package org.streetsense.gateway.uplink.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.uplink.ConnectionState;
import org.streetsense.gateway.uplink.ConnectionState.Status;
import org.streetsense.gateway.uplink.InboundMessage;
import org.streetsense.gateway.uplink.MqttUplink;
import org.streetsense.gateway.uplink.MqttUplinkOptions;
import org.streetsense.gateway.uplink.TopicNames;
import org.streetsense.gateway.uplink.UplinkDisconnectedException;
import org.streetsense.gateway.uplink.UplinkMessage;

/**
 * {@link MqttUplink} on Eclipse Paho's v3 {@code MqttAsyncClient}. A single control thread owns
 * the lifecycle: it opens one {@link PahoSession} at a time, runs Paho's blocking calls, and
 * schedules reconnects with {@link ReconnectBackoff}. Paho's own automatic reconnect is off (it
 * does not cover a failed first connect and can leave a client disconnected for good).
 *
 * <p>The backoff starts again from its minimum only once a session has stayed up for
 * {@link MqttUplinkOptions#stableSession()}, not at every CONNACK: a session the broker ends at
 * once (another client with the same client id, decision 0271) must not make the uplink reconnect
 * at full speed forever. {@link TakeoverWatch} classifies such sessions; the takeover is logged
 * once when it becomes probable and once when it ends, the cycles in between at debug level.
 */
public final class PahoMqttUplink implements MqttUplink {

  private static final Logger LOG = LoggerFactory.getLogger(PahoMqttUplink.class);
  private static final long CONNACK_GRACE_MILLIS = 2_000;

  private enum Phase { NEW, RUNNING, STOPPING }

  private final Context context;
  private final Executor onContext;
  private final MqttUplinkOptions options;
  private final SSLSocketFactory tls;
  private final ScheduledExecutorService control;
  private final ReconnectBackoff backoff;
  private final TakeoverWatch takeover;
  private final Subscriptions subscriptions = new Subscriptions();
  private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.NEW);
  private final AtomicLong sessions = new AtomicLong();
  private final Promise<Void> stopped = Promise.promise();
  private volatile PahoSession session;
  private ScheduledFuture<?> retry;
  private ScheduledFuture<?> connectGuard;
  private ScheduledFuture<?> stableGuard;
  private boolean failing;

  public PahoMqttUplink(Vertx vertx, MqttUplinkOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.context = vertx.getOrCreateContext();
    this.onContext = task -> context.runOnContext(v -> task.run());
    this.tls = options.tls().map(PemSslSocketFactories::create).orElse(null);
    this.backoff = new ReconnectBackoff(options.reconnectMinDelay(), options.reconnectMaxDelay(),
        options.jitterSeed().isPresent() ? new Random(options.jitterSeed().getAsLong())
            : new Random());
    this.takeover = new TakeoverWatch(options.stableSession());
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "streetsense-mqtt-" + options.clientId());
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.control = executor;
  }

  @Override
  public Future<Void> start() {
    if (phase.compareAndSet(Phase.NEW, Phase.RUNNING)) {
      LOG.info("MQTT uplink starting: {}", options);
      onControl(this::attempt);
      return Future.succeededFuture();
    }
    return phase.get() == Phase.RUNNING ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException("MQTT uplink was stopped"));
  }

  @Override
  public Future<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    return publish(topic, payload, qos, retained, false);
  }

  @Override
  public Future<Void> publishUrgent(String topic, byte[] payload, int qos, boolean retained) {
    return publish(topic, payload, qos, retained, true);
  }

  private Future<Void> publish(String topic, byte[] payload, int qos, boolean retained,
      boolean urgent) {
    try {
      TopicNames.requirePublishable(topic, "topic");
      Objects.requireNonNull(payload, "payload");
      if (qos < 0 || qos > 1) {
        throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    PahoSession s = session;
    if (s == null || !s.isConnected()) {
      return Future.failedFuture(new UplinkDisconnectedException("MQTT uplink is not connected to "
          + options.serverUri() + "; not sent: " + topic));
    }
    Promise<Void> promise = Promise.promise();
    s.queue().submit(new PublishQueue.Pending(topic, payload, qos, retained, urgent, promise));
    return promise.future();
  }

  @Override
  public boolean isConnected() {
    PahoSession s = session;
    return s != null && s.isConnected();
  }

  @Override
  public boolean takeoverSuspected() {
    return takeover.suspected();
  }

  @Override
  public long takeoverLosses() {
    return takeover.losses();
  }

  @Override
  public void onConnectionChange(Consumer<ConnectionState> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public Future<Void> subscribe(String filter, int qos, Consumer<InboundMessage> handler) {
    try {
      TopicNames.requireFilter(filter, "filter");
      Objects.requireNonNull(handler, "handler");
      if (qos < 0 || qos > 1) {
        throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Context handlerContext = Vertx.currentContext() != null ? Vertx.currentContext() : context;
    subscriptions.add(filter, qos, handler, handlerContext);
    PahoSession s = session;
    if (s == null || !s.isConnected()) {
      return Future.succeededFuture();
    }
    return subscriptions.subscribe(s.client(), filter, qos, context);
  }

  @Override
  public Future<Void> stop() {
    Phase before = phase.getAndSet(Phase.STOPPING);
    if (before != Phase.STOPPING) {
      if (!onControl(this::shutdown)) {
        stopped.tryComplete();
      }
    }
    return stopped.future();
  }

  // ---- control thread only below ----

  private void attempt() {
    retry = null;
    if (phase.get() != Phase.RUNNING) {
      return;
    }
    PahoSession opened;
    try {
      opened = PahoSession.open(options, SessionCallback::new, onContext,
          sessions.incrementAndGet());
    } catch (MqttException e) {
      failed(null, e);
      return;
    }
    session = opened;
    try {
      opened.connect(options, tls, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          onControl(() -> connected(opened));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          onControl(() -> failed(opened, failure));
        }
      });
    } catch (MqttException | RuntimeException e) {
      failed(opened, e);
      return;
    }
    long limit = options.connectTimeout().toMillis() + CONNACK_GRACE_MILLIS;
    connectGuard = control.schedule(() -> {
      if (session == opened && !opened.isConnected()) {
        failed(opened, new TimeoutException("no CONNACK within " + limit + " ms"));
      }
    }, limit, TimeUnit.MILLISECONDS);
  }

  private void connected(PahoSession s) {
    cancelConnectGuard();
    if (session != s || phase.get() != Phase.RUNNING) {
      s.close("MQTT uplink is stopping", null, 0);
      return;
    }
    s.markConnected();
    if (takeover.suspected()) {
      LOG.debug("MQTT uplink connected to {} as {} (session {}) while a client id takeover is "
          + "probable", options.serverUri(), options.clientId(), s.number());
    } else {
      LOG.info("MQTT uplink connected to {} as {} (session {})", options.serverUri(),
          options.clientId(), s.number());
    }
    stableGuard = control.schedule(() -> stable(s), options.stableSession().toNanos(),
        TimeUnit.NANOSECONDS);
    options.birth().ifPresent(b -> publishOn(s, b.get()).onFailure(e ->
        LOG.warn("birth message not acknowledged: {}", e.getMessage())));
    subscriptions.resubscribeAll(s.client(), context).onFailure(e ->
        LOG.warn("re-subscribing after connect failed: {}", e.getMessage()));
    notifyListeners(new ConnectionState(Status.CONNECTED, options.serverUri(), "", null));
  }

  /** {@code s} stayed up for the stable time: the backoff starts over, a takeover is over. */
  private void stable(PahoSession s) {
    stableGuard = null;
    if (session != s || !s.isConnected()) {
      return;
    }
    backoff.reset();
    failing = false;
    if (takeover.stable()) {
      LOG.info("MQTT uplink: session {} with {} has stayed up for {} ms; the client id takeover "
          + "is over", s.number(), options.serverUri(), options.stableSession().toMillis());
    }
  }

  private void failed(PahoSession s, Throwable cause) {
    if (s != null && session != s) {
      return; // a stale session, already replaced
    }
    session = null;
    cancelConnectGuard();
    cancelStableGuard();
    boolean wasUp = s != null && s.wasConnected();
    boolean takenOver = wasUp && takeover.lost(s.upNanos());
    if (!wasUp) {
      takeover.connectFailed();
    }
    String reason = wasUp
        ? ConnectFailures.describeLoss(cause, options.serverUri())
        : ConnectFailures.describe(cause, options.serverUri(), options.username().orElse(null));
    if (s != null) {
      s.close("MQTT session with " + options.serverUri() + " ended: " + reason, cause,
          options.connectTimeout().toMillis());
    }
    if (phase.get() != Phase.RUNNING) {
      return;
    }
    Duration delay = backoff.nextDelay();
    if (takenOver) {
      LOG.warn("MQTT uplink: the broker {} ended {} sessions in a row within {} ms of accepting "
          + "them, and accepted every reconnect at once: another client probably connects with "
          + "this gateway's client id '{}' and takes the session over (or the broker keeps "
          + "restarting). Give every client its own id. Backing off (up to {} ms between "
          + "attempts); this is logged again only when a session stays up", options.serverUri(),
          takeover.shortInARow(), options.stableSession().toMillis(), options.clientId(),
          options.reconnectMaxDelay().toMillis());
    } else if (!takeover.suspected() && (wasUp || !failing)) {
      // every lost session is told (one per successful connect, paced by the backoff); repeated
      // failed attempts after the first only at debug
      LOG.warn("MQTT uplink: {}; retrying in {} ms", reason, delay.toMillis());
    } else {
      LOG.debug("MQTT uplink: {}; retrying in {} ms", reason, delay.toMillis());
    }
    failing = true;
    if (wasUp && takeover.suspected()) {
      reason = "probable client id takeover (another client connects as '" + options.clientId()
          + "'): " + reason;
    }
    notifyListeners(new ConnectionState(Status.DISCONNECTED, options.serverUri(), reason, cause));
    retry = control.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void shutdown() {
    if (retry != null) {
      retry.cancel(false);
    }
    cancelStableGuard();
    PahoSession s = session;
    session = null;
    long timeout = options.stopTimeout().toMillis();
    if (s != null && s.isConnected() && options.will().isPresent()) {
      UplinkMessage offline = options.will().get().get();
      try {
        s.client().publish(offline.topic(), offline.payload(), offline.qos(), offline.retained())
            .waitForCompletion(timeout);
      } catch (MqttException | RuntimeException e) {
        LOG.warn("offline state not acknowledged before stopping: {}", e.toString());
      }
    }
    if (s != null) {
      s.close("MQTT uplink stopped", null, timeout);
    }
    LOG.info("MQTT uplink to {} stopped", options.serverUri());
    control.shutdown();
    notifyListeners(new ConnectionState(Status.STOPPED, options.serverUri(), "", null));
    context.runOnContext(v -> stopped.tryComplete());
  }

  private void cancelStableGuard() {
    if (stableGuard != null) {
      stableGuard.cancel(false);
      stableGuard = null;
    }
  }

  private void cancelConnectGuard() {
    if (connectGuard != null) {
      connectGuard.cancel(false);
      connectGuard = null;
    }
  }

  /** The session's birth: urgent, so no urgent publish of the new session overtakes it. */
  private Future<Void> publishOn(PahoSession s, UplinkMessage m) {
    Promise<Void> promise = Promise.promise();
    s.queue().submit(new PublishQueue.Pending(m.topic(), m.payload(), m.qos(), m.retained(),
        true, promise));
    return promise.future();
  }

  private void notifyListeners(ConnectionState state) {
    for (Consumer<ConnectionState> l : listeners) {
      context.runOnContext(v -> {
        try {
          l.accept(state);
        } catch (RuntimeException e) {
          LOG.warn("MQTT connection listener failed", e);
        }
      });
    }
  }

  private boolean onControl(Runnable task) {
    try {
      control.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("MQTT uplink control task failed", e);
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      return false; // stopped: late Paho callbacks are ignored
    }
  }

  /** Paho events of one session; events of a replaced session are ignored. */
  private final class SessionCallback implements MqttCallback {
    private final PahoSession owner;

    SessionCallback(PahoSession owner) {
      this.owner = owner;
    }

    @Override
    public void connectionLost(Throwable cause) {
      owner.markLost();
      onControl(() -> failed(owner, cause));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      subscriptions.dispatch(topic, message);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // completion is handled per publish by PublishQueue's listeners
    }
  }
}
