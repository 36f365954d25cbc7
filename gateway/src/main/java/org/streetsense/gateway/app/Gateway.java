package org.streetsense.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.clock.ClockTrust;
import org.streetsense.gateway.clock.SyncProbe;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.MqttCommandFront;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.SecretException;
import org.streetsense.gateway.dmx.DmxOutputs;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.http.HttpSurface;
import org.streetsense.gateway.http.HttpSurfaceOptions;
import org.streetsense.gateway.http.RateLimitOptions;
import org.streetsense.gateway.metrics.GatewayMetrics;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.reflex.ReflexEngine;
import org.streetsense.gateway.sink.Sink;
import org.streetsense.gateway.sink.influx.InfluxSink;
import org.streetsense.gateway.sink.mqtt.MqttSink;
import org.streetsense.gateway.sink.mqtt.MqttSinkOptions;
import org.streetsense.gateway.spool.BootId;
import org.streetsense.gateway.spool.ForwarderOptions;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.spool.SpoolForwarder;
import org.streetsense.gateway.status.InMemoryHistory;
import org.streetsense.gateway.status.ObservationBus;
import org.streetsense.gateway.uplink.ConnectionState;
import org.streetsense.gateway.uplink.MqttUplink;
import org.streetsense.gateway.uplink.contract.GatewayPresence;
import org.streetsense.gateway.uplink.contract.Topics;

/**
 * A running installation: devices, spool, sinks, commands, reflexes and HTTP surfaces, assembled
 * from a validated installation file. See docs/architecture.md for the data path.
 *
 * <p>{@link #start} blocks the calling thread (never an event loop) until everything is up, or
 * fails with a message naming what could not start, after undoing what had started. {@link #stop}
 * returns actuators to their safe states, publishes the offline state, and closes the spool.
 */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  /** The wall clock is not trusted before this date unless the system says it is synchronised. */
  static final LocalDate DEFAULT_SANITY_FLOOR = LocalDate.of(2026, 1, 1);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Installation installation;
  private final ConfigStamp stamp;
  private String configNotice;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<SpoolForwarder> forwarders = new CopyOnWriteArrayList<>();
  private HardwareBackend backend;
  private SimulatedInstallation simulation;
  private Spool spool;
  private MqttUplink uplink;
  /** The MQTT session {@link #uplink} is a view of; handed to the next generation when kept. */
  private UplinkSession session;
  /** Periodic timers to cancel at stop (the Vert.x may outlive this gateway). */
  private final List<Long> timers = new ArrayList<>();
  private Devices devices;
  private DmxOutputs dmx;
  private CommandProcessor commands;
  private org.streetsense.gateway.safety.SafetyPolicy policy;
  private HttpSurface http;
  private GatewayMetrics metrics;
  private LiveStatus status;
  private ReflexEngine reflexes;
  private ObservationPipeline pipeline;
  private Topics topics;
  /** The ids of the actuators this gateway drives (each has a retained state topic). */
  private volatile List<String> actuatorIds = List.of();
  private long boot;

  private Gateway(Installation installation, ConfigStamp stamp, Vertx shared) {
    this.installation = installation;
    this.stamp = stamp;
    this.ownsVertx = shared == null;
    this.vertx = ownsVertx ? Vertx.vertx() : shared;
  }

  /**
   * Starts an installation; blocks until it runs. Runs on {@link GatewayOptions#vertx()} when
   * given (not closed by {@link #stop()}), else on a Vert.x instance of its own.
   */
  public static Gateway start(Installation installation, GatewayOptions options)
      throws IOException, SecretException {
    return start(installation, options, new ConfigStamp(0, "unknown"));
  }

  /**
   * Like {@link #start(Installation, GatewayOptions)}, announcing {@code stamp} (the version and
   * digest of the installation file) in the birth/state message and on /health.
   */
  public static Gateway start(Installation installation, GatewayOptions options, ConfigStamp stamp)
      throws IOException, SecretException {
    return start(installation, options, stamp, null);
  }

  /**
   * Like {@link #start(Installation, GatewayOptions, ConfigStamp)}, with a notice about the
   * installation file shown on /health under {@code config.notice} (for example: the local file
   * is invalid and the last known good one runs); null for none.
   */
  public static Gateway start(Installation installation, GatewayOptions options, ConfigStamp stamp,
      String configNotice) throws IOException, SecretException {
    return start(installation, options, stamp, configNotice, KeptOutputs.none());
  }

  /**
   * Like {@link #start(Installation, GatewayOptions, ConfigStamp, String)}, taking over the
   * outputs {@code kept} by the gateway that ran the file before (see {@link #stopKeeping}): they
   * stay at their levels, keep their on-time accounts and are announced with cause
   * {@code reload}; what it does not take, and everything it took when it fails to start, ends
   * safe and closed.
   */
  static Gateway start(Installation installation, GatewayOptions options, ConfigStamp stamp,
      String configNotice, KeptOutputs kept) throws IOException, SecretException {
    Gateway g = new Gateway(installation, stamp, options.vertx());
    g.configNotice = configNotice;
    try {
      g.startAll(options, kept);
      return g;
    } catch (IOException | SecretException | RuntimeException e) {
      g.stop();
      throw e;
    } finally {
      kept.close(); // whatever was not taken
    }
  }

  private void startAll(GatewayOptions options, KeptOutputs kept) throws IOException, SecretException {
    TimeSource time = TimeSource.system();
    // DMX fixtures get their safe looks on the wire before anything else starts (kept ones keep theirs)
    dmx = DmxOutputs.open(installation.dmx().universes(), installation.dmx().fixtures(), kept.dmx());
    org.streetsense.gateway.dmx.DmxWarnings.of(installation.dmx().universes())
        .forEach(w -> LOG.warn("{}", w));
    org.streetsense.gateway.dmx.StrobeWarnings.of(installation.dmx().fixtures())
        .forEach(w -> LOG.warn("{}", w));
    String bootId = BootId.current();
    UplinkSession keptSession = kept.takeSession();
    session = keptSession; // owned from here: ended by stop() if this gateway fails to start
    // a kept session keeps its boot: the will registered at connect and every state name it
    boot = keptSession != null ? keptSession.boot() : BootCounter.increment(installation.spool().dir());
    backend = options.backend() != null ? options.backend() : Backends.create(installation);
    if (backend instanceof org.streetsense.gateway.hardware.simulated.SimulatedBackend sim && options.backend() == null) {
      simulation = SimulatedInstallation.populate(sim, installation);
    }
    ClockTrust clock = new ClockTrust(time, installation.clock().sanityFloor().orElse(DEFAULT_SANITY_FLOOR)
        .atStartOfDay().toInstant(ZoneOffset.UTC), SyncProbe.systemd(), bootId);
    timers.add(clock.watch(vertx, Duration.ofSeconds(30)));
    spool = await(Spool.open(Settings.spool(installation.spool(), bootId), vertx), "open the spool in " + installation.spool().dir());

    topics = new Topics(installation.uplink().mqtt().topicPrefix(), installation.id());
    GatewayPresence presence = new GatewayPresence(topics, boot, options.version(),
        Settings.deviceIds(installation), System::currentTimeMillis, stamp.version(), stamp.digest());
    session = keptSession != null ? keptSession
        : UplinkSession.open(vertx, installation.uplink(), boot, presence);
    uplink = session.attach(presence);
    metrics = new GatewayMetrics(installation.id());
    List<Sink> sinks = new ArrayList<>();
    sinks.add(new AcknowledgementTiming(new MqttSink(uplink, topics,
        MqttSinkOptions.of(installation.uplink().mqtt().readingsPerMessage(),
            installation.uplink().mqtt().qos())), metrics, time));
    if (installation.sinks().influxdb().isPresent()) {
      sinks.add(InfluxSink.create(vertx, Settings.influx(installation.sinks().influxdb().get(), installation.identity().site())));
    }
    // Gateways sharing one Vert.x (fleet rigs) must not see each other's observations.
    String observations = ownsVertx ? ObservationBus.ADDRESS : ObservationBus.ADDRESS + "." + installation.id();
    pipeline = new ObservationPipeline(vertx, spool, clock, observations);
    InteractionPlan plan = InteractionPlan.from(installation);
    devices = Devices.open(installation, backend, plan, pipeline, kept.devices());
    Devices opened = devices;
    for (String id : opened.ids()) {
      metrics.total("device.errors", "Errors of a device since the gateway started",
          () -> opened.errorCount(id), "device", id);
    }
    List<Actuator> actuators = new ArrayList<>(devices.actuators());
    actuators.addAll(dmx.actuators());
    actuatorIds = actuators.stream().map(Actuator::id).toList();
    policy = Interaction.policy(plan, time, kept.policy());
    commands = new CommandProcessor(actuators, policy,
        time, CommandProcessorOptions.defaults().withBoot(boot), clock::isTrusted);
    commands.remember(kept.answers());
    if (keptSession != null) {
      commands.continueInternalIds(keptSession.internalIds()); // same boot: ids must not repeat
    }
    devices.onBoardOutputLost(commands::hardwareLost);
    devices.onBoardOutputSettled(commands::hardwareSettled);
    reflexes = new ReflexEngine(plan.reflexes(), commands, time);
    String brokerUrl = installation.uplink().mqtt().pahoUrl();
    status = new LiveStatus(StatusMapping.installation(installation), StatusMapping.channels(installation),
        ConfigDigest.summary(installation, sinks, stamp, configNotice), devices::statuses,
        actuators.stream().map(a -> a.id()).toList(), brokerUrl,
        StatusMapping.disclosure(installation));
    // a kept session is connected already: /health must not say "broker down" until the first
    // refresh (decision 0365)
    status.uplink(new org.streetsense.gateway.status.UplinkStatus(uplink.isConnected(), brokerUrl,
        0, 0, Duration.ZERO, java.util.Map.of(), 0, false, 1.0));
    commands.onState(status::actuator);
    pipeline.onAccepted(status::observed);
    pipeline.onObserved(reflexes);
    pipeline.onAccepted(o -> {
      if (o instanceof InteractionEvent) {
        metrics.eventAccepted(o.device());
      } else {
        metrics.readingAccepted(o.device());
      }
    });
    closeables.addAll(Interaction.osc(plan, commands, time, pipeline::onAccepted, vertx, in -> {
      status.listener(in::status);
      OscMeters.register(metrics, in);
    }));
    InMemoryHistory history = new InMemoryHistory(4096);
    pipeline.onAccepted(history::record); // on the completion thread, no event-bus copy (0385)

    // every listener is bound before the MQTT session opens: a second process with the same
    // installation that cannot bind ends before its session would end the running gateway's
    http = HttpSurface.create(vertx, HttpSurfaceOptions.builder()
        .host(installation.http().host()).port(installation.http().port())
        .publicRateLimit(RateLimitOptions.per(installation.http().publicRateLimit().requests(),
            installation.http().publicRateLimit().per()))
        .maxConnections(installation.http().maxConnections())
        .token(options.httpToken()).observationAddress(observations).build(), status, history, metrics,
        commands);
    await(http.start(), "start the HTTP server on port " + installation.http().port());

    // forwarders idle while the broker is away; a new session should not wait for their poll
    uplink.onConnectionChange(state -> {
      if (state.status() == ConnectionState.Status.CONNECTED) {
        forwarders.forEach(SpoolForwarder::wake);
      }
    });
    await(uplink.start(), "start the MQTT uplink");
    MqttCommandFront front = new MqttCommandFront(uplink, topics, commands, time);
    front.start();
    CommandMeters.register(metrics, commands.stats(), front);
    // one state per actuator: startup for one the file adds, reload for one it kept or changed;
    // a changed one the previous generation already returned to safe (cause reload) on this same
    // session at the level it has now is not announced again
    List<String> added = new ArrayList<>();
    List<String> reloaded = new ArrayList<>();
    for (Actuator a : actuators) {
      Double before = kept.previousLevels().get(a.id());
      if (before == null) {
        added.add(a.id());
      } else if (kept.actuators().contains(a.id()) || keptSession == null || before != a.level()) {
        reloaded.add(a.id());
      }
    }
    commands.announce(added, "startup");
    commands.announce(reloaded, "reload");
    for (Sink sink : sinks) {
      ForwarderOptions pacing = sink instanceof InfluxSink
          ? Settings.forwarder(installation.spool(), installation.sinks().influxdb().orElseThrow())
          : Settings.forwarder(installation.spool(), installation.uplink().mqtt().readingsPerMessage());
      forwarders.add(await(onContext(() -> SpoolForwarder.start(vertx, spool, sink,
              pacing, clock, time)),
          "start forwarding to " + sink.name()));
      closeables.add(sink);
    }
    timers.add(UplinkStatusRefresher.start(vertx, spool, installation.spool().maxBytes(), forwarders, uplink,
        status, metrics, brokerUrl));

    devices.start();
    if (simulation != null) {
      simulation.start();
    }
    LOG.info("installation {} running (boot {}, backend {}, {} devices)", installation.id(), boot,
        backend.name(), installation.devices().size());
  }

  public int httpPort() {
    return http.actualPort();
  }

  /**
   * Counts of command outcomes (accepted, duplicates, refusals by reason) from every source, for
   * operators and system tests; null before start and after {@link #stop}.
   */
  public org.streetsense.gateway.command.CommandStats commandStats() {
    CommandProcessor c = commands;
    return c == null ? null : c.stats();
  }

  public long boot() {
    return boot;
  }

  public Installation installation() {
    return installation;
  }

  /** The version and digest of the installation file this gateway runs. */
  public ConfigStamp stamp() {
    return stamp;
  }

  /** The MQTT uplink (for the configuration topics); null after {@link #stop}. */
  public MqttUplink uplink() {
    return uplink;
  }

  /** The installation's topics. */
  public Topics topics() {
    return topics;
  }

  /**
   * The ids of the actuators this gateway drove or drives, each with a retained state topic;
   * still answered after {@link #stop} (the next generation clears the removed ones). Any thread.
   */
  public List<String> actuatorIds() {
    return actuatorIds;
  }

  /** Every device's health in configuration order; empty after {@link #stop}. Any thread. */
  public List<org.streetsense.gateway.status.DeviceStatus> deviceStatuses() {
    Devices d = devices;
    return d == null ? List.of() : d.statuses();
  }

  /**
   * Adds a consumer of every observation the spool accepted, with its sequence number (for rigs
   * and fault tests that count what was accepted). Runs on the spool's completion thread; must
   * not block. Observations accepted before the call are not replayed.
   */
  public void onAccepted(java.util.function.Consumer<org.streetsense.gateway.pipeline.Observation> consumer) {
    pipeline.onAccepted(consumer);
  }

  /** The spool's counters; fails once the gateway is stopped. */
  public Future<org.streetsense.gateway.spool.SpoolStats> spoolStats() {
    Spool s = spool;
    return s == null ? Future.failedFuture(new IllegalStateException("gateway stopped")) : s.stats();
  }

  /**
   * The event bus and timers of this gateway, for rigs and tests that observe it; the shared
   * instance when {@link GatewayOptions#vertx()} was given.
   */
  public Vertx vertx() {
    return vertx;
  }

  /** Stops everything in reverse order. Idempotent; never throws. Blocks up to about 30 s. */
  public synchronized void stop() {
    stop(null, false);
  }

  /**
   * Stops for an apply of {@code next} (decision 0364): like {@link #stop()}, except that the
   * outputs {@code next} declares exactly as this gateway's file ({@link UnchangedOutputs}) stay
   * open at their levels and are returned, with the safety policy that keeps their on-time
   * accounts, for {@link #start(Installation, GatewayOptions, ConfigStamp, String, KeptOutputs)}.
   * A pulse or fade running on a kept output is cut (answered {@code failed},
   * {@code reconfigured}; a pulse ends at its safe level); every other output goes to its safe
   * state (cause {@code reload}). The caller owns the result. Blocks up to about 30 s.
   */
  synchronized KeptOutputs stopKeeping(Installation next) {
    // the session outlives this gateway only on a Vert.x that does (decision 0365)
    boolean keepSession = !ownsVertx && installation.uplink().equals(next.uplink());
    KeptOutputs kept = stop(UnchangedOutputs.between(installation, next), keepSession);
    return kept == null ? KeptOutputs.none() : kept;
  }

  /**
   * Stops everything; with {@code keep}, hands those outputs over, and with {@code keepSession}
   * the MQTT session too (no offline state, no disconnect). Null when nothing ran.
   */
  private KeptOutputs stop(UnchangedOutputs keep, boolean keepSession) {
    if (simulation != null) {
      simulation.stop();
    }
    forwarders.forEach(SpoolForwarder::stop);
    forwarders.clear();
    KeptOutputs kept = null;
    java.util.Map<String, Long> internalIds = java.util.Map.of();
    List<java.util.Map.Entry<String, org.streetsense.gateway.command.CommandResult>> answers = List.of();
    java.util.Map<String, Double> levels = java.util.Map.of();
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    if (commands != null) {
      // First: actuators back to their safe states while their outputs are still open.
      if (keep == null) {
        quietly(commands);
      } else {
        commands.closeKeeping(keep.actuators(), "reload", Duration.ofSeconds(5));
        internalIds = commands.internalIdCounts();
        answers = commands.rememberedAnswers();
        // every actuator of this file, NaN for one this processor never published (its state was
        // published by the generation before): the next gateway must not take it for an added one
        java.util.Map<String, Double> published = new java.util.HashMap<>(commands.publishedLevels());
        actuatorIds.forEach(id -> published.putIfAbsent(id, Double.NaN));
        levels = published;
      }
      commands = null;
    }
    DmxOutputs.Kept keptDmx = DmxOutputs.Kept.NONE;
    if (dmx != null) {
      // the safe looks once more, then hold or blackout and sACN stream-terminated
      if (keep == null) {
        quietly(dmx);
      } else {
        keptDmx = dmx.closeKeeping(keep.universes(), keep.fixtures());
      }
      dmx = null;
    }
    if (devices != null) {
      if (keep == null) {
        quietly(devices);
      } else {
        kept = new KeptOutputs(devices.closeKeeping(keep.devices()), keptDmx, policy, answers, levels);
      }
      devices = null;
    } else if (keep != null) {
      kept = new KeptOutputs(Devices.Kept.none(), keptDmx, policy, answers, levels);
    }
    if (http != null) {
      awaitQuietly(http.close());
      http = null;
    }
    if (uplink != null) {
      if (keepSession && kept != null) {
        // handed over: commands that arrive until the next gateway subscribes are answered by
        // this gateway's closed processor (rejected, reconfigured)
        session.detach(uplink, internalIds);
        kept.handOver(session);
      } else {
        awaitQuietly(uplink.stop());
      }
      uplink = null;
      session = null;
    }
    if (session != null) {
      awaitQuietly(session.stop()); // taken over, but the start failed before using it
      session = null;
    }
    closeables.forEach(Gateway::quietly);
    closeables.clear();
    if (spool != null) {
      awaitQuietly(spool.close());
      spool = null;
    }
    if (backend != null) {
      quietly(backend);
      backend = null;
    }
    if (metrics != null) {
      quietly(metrics);
      metrics = null;
    }
    if (ownsVertx) {
      awaitQuietly(vertx.close());
    }
    return kept;
  }

  private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> action) {
    Promise<T> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> action.get().onComplete(p));
    return p.future();
  }

  private static <T> T await(Future<T> f, String what) throws IOException {
    try {
      return f.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IOException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("cannot " + what + ": no answer in " + START_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while trying to " + what, e);
    }
  }

  private static void awaitQuietly(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("while stopping: {}", e.toString());
    }
  }

  private static void quietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("while stopping: {}", e.toString());
    }
  }
}
