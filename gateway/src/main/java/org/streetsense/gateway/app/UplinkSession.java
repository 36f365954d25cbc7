package org.streetsense.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.config.SecretException;
import org.streetsense.gateway.config.UplinkSettings;
import org.streetsense.gateway.uplink.ConnectionState;
import org.streetsense.gateway.uplink.InboundMessage;
import org.streetsense.gateway.uplink.MqttUplink;
import org.streetsense.gateway.uplink.UplinkMessage;
import org.streetsense.gateway.uplink.contract.GatewayPresence;

/**
 * One MQTT session that outlives the {@link Gateway} generations of a process whose
 * installation file is applied while it runs (decision 0365): when the new file's {@code uplink}
 * section is equal to the running one, the stopping gateway hands the session to the next one
 * instead of publishing its offline state and disconnecting.
 *
 * <p>Each generation sees the session through its own {@link MqttUplink} ({@link #attach}):
 * <ul>
 *   <li>connection listeners registered by a generation are called only while it is attached;
 *   <li>a topic filter is subscribed at the broker once; subscribing it again (the next
 *       generation's command front, the configuration topic) replaces its handler without an
 *       UNSUBSCRIBE or SUBSCRIBE, so the broker neither drops nor re-delivers (retained) messages.
 *       Until the next generation subscribes, messages reach the previous one's handlers, whose
 *       command processor answers them ({@code rejected}, {@code reconfigured}): never silence;
 *   <li>the birth and will name the attached generation's presence; an attach to a connected
 *       session publishes the new birth at once ({@code config_version} and
 *       {@code config_digest} of the new file, same {@code boot}). The will registered at connect
 *       stays as it was until the next connect;
 *   <li>{@link MqttUplink#stop()} of an attached view stops the session (the offline state is
 *       published) unless the view was detached for a hand-over ({@link #detach}).
 * </ul>
 * The session also carries what must continue while the same {@code boot} is announced: the
 * boot number and the numbering of the gateway's own command ids ({@code osc:<boot>.<n>}).
 *
 * <p>The underlying uplink runs on the process's one Vert.x instance, which outlives the
 * generations. Thread-safe.
 */
final class UplinkSession {

  private static final Logger LOG = LoggerFactory.getLogger(UplinkSession.class);

  private final MqttUplink uplink;
  private final UplinkSettings settings;
  private final long boot;
  private final AtomicReference<GatewayPresence> presence;
  private final Map<String, Consumer<InboundMessage>> handlers = new ConcurrentHashMap<>();
  private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile View attached;
  private volatile Map<String, Long> internalIds = Map.of();

  private UplinkSession(Vertx vertx, UplinkSettings settings, long boot, GatewayPresence first)
      throws SecretException {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.boot = boot;
    this.presence = new AtomicReference<>(first);
    this.uplink = MqttUplink.create(vertx, Settings.uplink(settings.mqtt(),
        () -> presence.get().birth(), () -> presence.get().will()));
    uplink.onConnectionChange(state -> {
      View v = attached;
      if (v != null) {
        v.listeners.forEach(l -> l.accept(state));
      }
    });
  }

  /**
   * A session for {@code settings}, announcing {@code first} (whose boot is {@code boot});
   * nothing connects until the first view is started.
   */
  static UplinkSession open(Vertx vertx, UplinkSettings settings, long boot, GatewayPresence first)
      throws SecretException {
    return new UplinkSession(vertx, settings, boot, first);
  }

  /** The uplink section this session was opened with. */
  UplinkSettings settings() {
    return settings;
  }

  /** The boot number announced by every generation on this session. */
  long boot() {
    return boot;
  }

  /** The last numbers of the gateway's own command ids, left by the previous generation. */
  Map<String, Long> internalIds() {
    return internalIds;
  }

  /**
   * The view of the generation that announces {@code next}; the previous view, if any, no
   * longer gets connection changes.
   */
  MqttUplink attach(GatewayPresence next) {
    presence.set(Objects.requireNonNull(next, "next"));
    View v = new View();
    attached = v;
    return v;
  }

  /**
   * Hands the session over: {@code view} stops getting connection changes and its
   * {@link MqttUplink#stop()} no longer ends the session; its subscriptions' handlers stay until
   * the next generation subscribes the same filters. {@code ids} are the last internal command
   * ids of its processor.
   */
  void detach(MqttUplink view, Map<String, Long> ids) {
    if (view instanceof View v) {
      v.handedOver = true;
      if (attached == v) {
        attached = null;
      }
    }
    internalIds = Map.copyOf(ids);
  }

  /** Ends the session: offline state, clean disconnect. Idempotent. */
  Future<Void> stop() {
    return uplink.stop();
  }

  /** A generation's view of the session. */
  private final class View implements MqttUplink {

    private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean handedOver;

    @Override
    public Future<Void> start() {
      if (started.compareAndSet(false, true)) {
        return uplink.start();
      }
      if (uplink.isConnected()) {
        UplinkMessage birth = presence.get().birth();
        uplink.publishUrgent(birth.topic(), birth.payload(), birth.qos(), birth.retained())
            .onFailure(e -> LOG.warn("birth message not acknowledged: {}", e.getMessage()));
      }
      // when not connected, the next connect publishes the new birth
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
      return uplink.publish(topic, payload, qos, retained);
    }

    @Override
    public Future<Void> publishUrgent(String topic, byte[] payload, int qos, boolean retained) {
      return uplink.publishUrgent(topic, payload, qos, retained);
    }

    @Override
    public boolean isConnected() {
      return uplink.isConnected();
    }

    @Override
    public boolean takeoverSuspected() {
      return uplink.takeoverSuspected();
    }

    @Override
    public long takeoverLosses() {
      return uplink.takeoverLosses();
    }

    @Override
    public void onConnectionChange(Consumer<ConnectionState> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Future<Void> subscribe(String filter, int qos, Consumer<InboundMessage> handler) {
      handlers.put(filter, Objects.requireNonNull(handler, "handler"));
      if (!subscribed.add(filter)) {
        return Future.succeededFuture();
      }
      return uplink.subscribe(filter, qos, m -> {
        Consumer<InboundMessage> h = handlers.get(filter);
        if (h != null) {
          h.accept(m);
        }
      });
    }

    @Override
    public Future<Void> stop() {
      if (handedOver) {
        return Future.succeededFuture();
      }
      return UplinkSession.this.stop();
    }
  }
}
