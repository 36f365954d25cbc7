package org.streetsense.gateway.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.config.ConfigError;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.config.SecretException;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.DeviceStatus;
import org.streetsense.gateway.uplink.InboundMessage;

/**
 * A gateway whose installation file can change while the process runs: on SIGHUP
 * ({@link #reloadLocal()}, {@code systemctl reload}) from the local file, and over MQTT from
 * {@code <prefix>/<installation>/config/set}, answered on {@code .../config/result}
 * (docs/mqtt-contract.md, docs/deploy.md "Changing an installation remotely").
 *
 * <p>A new file is validated first; a file that does not validate changes nothing. A valid file
 * is recorded as the candidate ({@link ConfigStore}), the running gateway is stopped (spool
 * closed cleanly, so every stream's {@code seq} and every sink's cursor continue where they
 * stopped; outputs the new file declares as before are handed over open at their levels with
 * their on-time accounts, the others go to their safe states, decision 0364; the MQTT session,
 * with its {@code boot}, is handed over when the {@code uplink} section is unchanged, else the
 * offline state is published and a new session opens, decision 0365)
 * and a gateway is started from the new file on the same hardware backend. Then a health gate watches it for the window
 * ({@code health_window_s}, default {@code ReloaderOptions.healthWindow}): at its end every
 * device must be present and the uplink connected. If so the file becomes the last known good
 * one and {@code applied} is reported; if not (or the new gateway cannot start) the last known
 * good file is started the same way and {@code rolled_back} is reported with the reason. A
 * process that dies during an apply boots into the last known good file (decisions 0343-0345).
 *
 * <p>Threads: everything runs on one thread of its own ({@code streetsense-config}), never on
 * an event loop; messages are handed to it from the uplink's context.
 */
public final class Reloader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);
  /** Largest {@code config/set} payload read; larger ones are refused unread. */
  public static final int MAX_MESSAGE_BYTES = 256 * 1024;
  /**
   * Highest {@code version}: 2^53 - 1, the largest whole number every JSON reader (JavaScript,
   * jq) holds exactly (decision 0359). A higher one is refused as {@code malformed}.
   */
  public static final long MAX_VERSION = (1L << 53) - 1;
  /** The fields of a {@code config/set} message (config/schema/config-set.json); others are refused. */
  static final List<String> FIELDS = List.of("version", "digest", "file", "health_window_s");
  /** Bounds of {@code health_window_s}. */
  public static final long MIN_WINDOW_S = 1;
  public static final long MAX_WINDOW_S = 3600;
  /** Validation errors reported per result, at most. */
  static final int MAX_ERRORS = 50;
  private static final Duration GATE_TICK = Duration.ofMillis(500);
  private static final int PUBLISH_ATTEMPTS = 120;

  private final ReloaderOptions options;
  private final ConfigStore store;
  private final RetainedBackend backend;
  private final SimulatedInstallation simulation;
  private final ScheduledExecutorService thread;
  /**
   * The Vert.x every generation runs on: the one given in the options, else one of this
   * reloader's, closed by {@link #close()}. One instance for the process, so that the MQTT
   * session, whose handlers run on it, can outlive a generation (decision 0365).
   */
  private final io.vertx.core.Vertx vertx;
  private final boolean ownsVertx;
  private volatile Gateway current;
  /** Shown on /health while the invalid local file is passed over; null otherwise. */
  private volatile String notice;
  private Pending pending;
  /**
   * State topics of actuators no longer declared, recorded and cleared at every start (at most
   * {@link ConfigStore#MAX_STATE_TOPICS}, the most recent; reloader's thread only).
   */
  private final java.util.Set<String> removed = new java.util.LinkedHashSet<>();
  /** Those of {@link #removed} whose clear the broker has not acknowledged in this run. */
  private final java.util.Set<String> uncleared = new java.util.LinkedHashSet<>();

  /** An applied file under the health gate. */
  private record Pending(ConfigStore.Stored file, long deadlineNanos) {}

  private Reloader(ReloaderOptions options, ConfigStore store, RetainedBackend backend,
      SimulatedInstallation simulation) {
    this.options = options;
    this.store = store;
    this.backend = backend;
    this.simulation = simulation;
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "streetsense-config");
      th.setDaemon(true);
      return th;
    });
    t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.thread = t;
    this.ownsVertx = options.gateway().vertx() == null;
    this.vertx = ownsVertx ? io.vertx.core.Vertx.vertx() : options.gateway().vertx();
  }

  /**
   * Boots: the last known good file from the store when it was decided against the local file
   * as it is now, else the local file (which then becomes the last known good one). A candidate
   * left by a process that died during an apply is dropped and reported {@code rolled_back}.
   *
   * @throws ConfigException when the file to boot is invalid (and no stored file is usable)
   */
  public static Reloader boot(ReloaderOptions options)
      throws ConfigException, IOException, SecretException {
    ConfigStore store = new ConfigStore(options.storeDir());
    byte[] local = readLocal(options);
    String localDigest = ConfigStamp.digest(local);
    Optional<ConfigStore.Stored> interrupted = Optional.empty();
    try {
      store.open();
      try {
        interrupted = store.candidate();
      } catch (IOException e) {
        LOG.warn("dropping a damaged candidate: {}", e.getMessage());
      }
      store.clearCandidate();
    } catch (IOException e) {
      // the installation runs from its local file; changes are refused (store_failed) meanwhile
      LOG.error("the config store {} is not usable ({}): running {}, changes cannot be applied",
          options.storeDir(), e.getMessage(), options.localFile());
    }
    ConfigStore.Stored boot = new ConfigStore.Stored(local, ConfigStamp.of(0, local), localDigest);
    Installation inst = null;
    Optional<ConfigStore.Stored> good = Optional.empty();
    boolean localChanged = false;
    try {
      good = store.good();
      if (good.isPresent() && good.get().localDigest().equals(localDigest)) {
        inst = load(options.localFile() + " (last known good, version "
            + good.get().stamp().version() + ")", good.get().bytes());
        boot = good.get();
      } else if (good.isPresent()) {
        // logged once the local file is known to be valid (else the invalid-file line says it all)
        localChanged = true;
      }
    } catch (IOException | ConfigException e) {
      good = Optional.empty();
      LOG.warn("the last known good file is not usable ({}): running {}", describe(e), options.localFile());
    }
    ConfigException localErrors = null;
    if (inst == null) {
      try {
        inst = InstallationLoader.load(options.localFile());
        if (localChanged) {
          LOG.info("{} changed since the last change was decided: running it", options.localFile());
        }
      } catch (ConfigException e) {
        Installation fallback = good.isEmpty() ? null : lastKnownGood(good.get());
        if (fallback == null) {
          throw e;
        }
        // an edit that does not validate must not keep the installation down at every restart
        for (ConfigError error : e.errors()) {
          LOG.error("{}", error.format());
        }
        LOG.error("{} {}is invalid ({} errors): running the last known good file, version {}",
            options.localFile(), localChanged ? "changed since the last change was decided but " : "",
            e.errors().size(), good.get().stamp().version());
        inst = fallback;
        boot = good.get();
        localErrors = e;
      }
      if (localErrors == null) {
        try {
          store.writeGood(boot);
        } catch (IOException e) {
          LOG.error("cannot record {} as the last known good file: {}", options.localFile(), e.getMessage());
        }
      }
    }
    HardwareBackend raw = options.gateway().backend() != null ? options.gateway().backend()
        : Backends.create(inst);
    SimulatedInstallation sim = raw instanceof SimulatedBackend s && options.gateway().backend() == null
        ? SimulatedInstallation.populate(s, inst) : null;
    Reloader r = new Reloader(options, store, new RetainedBackend(raw), sim);
    if (localErrors != null) {
      r.notice = options.localFile() + " is invalid (" + localErrors.errors().size()
          + " errors, first " + localErrors.errors().get(0).format() + "): the last known good file, version "
          + boot.stamp().version() + ", runs";
    }
    try {
      r.current = r.startGateway(inst, boot.stamp());
    } catch (IOException | SecretException | RuntimeException e) {
      r.close();
      throw e;
    }
    if (sim != null) {
      sim.start();
    }
    // the state topics an earlier run left behind and this file does not declare; the previous
    // files are read again only when the store has no usable record of them
    List<ConfigStore.Stored> previous = java.util.stream.Stream.of(interrupted, good)
        .flatMap(Optional::stream).toList();
    r.onThread(() -> r.clearRemovedStates(null, r.current, () -> possibleStateTopics(previous)));
    if (localErrors != null) {
      ConfigException errors = localErrors;
      ConfigStamp running = boot.stamp();
      r.thread.execute(() -> r.publish(r.result("rolled_back", ConfigStamp.of(0, local))
          .put("reason", "the local file " + options.localFile() + " is invalid ("
              + errors.errors().stream().limit(3).map(ConfigError::format)
                  .collect(java.util.stream.Collectors.joining("; "))
              + (errors.errors().size() > 3 ? "; ..." : "") + "): the last known good file, version "
              + running.version() + ", runs")
          .put("errors", errorsJson(errors))));
    }
    if (interrupted.isPresent()) {
      ConfigStamp failed = interrupted.get().stamp();
      r.thread.execute(() -> r.publish(r.result("rolled_back", failed).put("reason",
          "interrupted: the process ended during the apply; it booted the last known good file")));
    }
    return r;
  }

  /**
   * The installation file a reloadable gateway ran when its process ended, for
   * {@code safe-outputs}: the candidate when the process ended during an apply, else the last
   * known good file when it was decided against the local file as it is now, else the local
   * file. A damaged stored file is passed over.
   *
   * @throws ConfigException when the file chosen is invalid
   */
  public static Installation fileInUse(java.nio.file.Path localFile, java.nio.file.Path storeDir)
      throws ConfigException {
    ConfigStore store = new ConfigStore(storeDir);
    if (Files.isDirectory(storeDir)) {
      try {
        Optional<ConfigStore.Stored> candidate = store.candidate();
        if (candidate.isPresent()) {
          return load("candidate, version " + candidate.get().stamp().version(), candidate.get().bytes());
        }
      } catch (IOException e) {
        LOG.warn("passing over the candidate: {}", e.getMessage());
      }
      try {
        Optional<ConfigStore.Stored> good = store.good();
        String local = ConfigStamp.digest(Files.readAllBytes(localFile));
        if (good.isPresent() && good.get().localDigest().equals(local)) {
          return load("last known good, version " + good.get().stamp().version(), good.get().bytes());
        }
      } catch (IOException e) {
        LOG.warn("passing over the last known good file: {}", e.getMessage());
      }
    }
    try {
      return InstallationLoader.load(localFile);
    } catch (ConfigException e) {
      // the gateway ran the last known good file then too (see boot)
      try {
        Optional<ConfigStore.Stored> good = Files.isDirectory(storeDir) ? store.good() : Optional.empty();
        if (good.isPresent()) {
          LOG.warn("{} is invalid: using the last known good file, version {}", localFile,
              good.get().stamp().version());
          return load("last known good, version " + good.get().stamp().version(), good.get().bytes());
        }
      } catch (IOException | ConfigException ignored) {
        // the local file's errors are the ones to report
      }
      throw e;
    }
  }

  /** The gateway running now (changes at every apply and rollback). */
  public Gateway current() {
    return current;
  }

  /** Reloads the local file ({@code --config}) on the reloader's thread; SIGHUP calls this. */
  public void reloadLocal() {
    thread.execute(() -> {
      byte[] bytes;
      try {
        bytes = readLocal(options);
      } catch (IOException e) {
        LOG.warn("reload: cannot read {}: {}", options.localFile(), e.getMessage());
        return;
      }
      ConfigStamp stamp = ConfigStamp.of(0, bytes);
      if (current == null) {
        LOG.warn("reload: no gateway runs");
        return;
      }
      if (stamp.digest().equals(current.stamp().digest())) {
        LOG.info("reload: {} is unchanged", options.localFile());
        return;
      }
      LOG.info("reload: {} changed, applying it", options.localFile());
      apply(options.localFile().toString(), bytes, stamp, options.healthWindow());
    });
  }

  /** A message on {@code config/set}; hands it to the reloader's thread. Any thread. */
  void onMessage(InboundMessage m) {
    try {
      thread.execute(() -> handle(m.payload(), m.retained()));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("stopping: config/set ignored");
    }
  }

  private void handle(byte[] payload, boolean retained) {
    if (payload.length == 0 || current == null) {
      return; // clearing a retained message
    }
    if (payload.length > MAX_MESSAGE_BYTES) {
      refuse(null, "too_large", "the message has " + payload.length
          + " bytes; at most " + MAX_MESSAGE_BYTES + " are read");
      return;
    }
    JsonObject m;
    try {
      m = ConfigMessageJson.read(payload);
    } catch (ConfigMessageJson.Refused e) {
      refuse(null, "malformed", e.getMessage()); // before the version is read: nothing burnt
      return;
    }
    Object v = m.getValue("version");
    Object d = m.getValue("digest");
    Object f = m.getValue("file");
    Object w = m.getValue("health_window_s");
    if (!(v instanceof Number n) || n.longValue() < 1 || n.longValue() > MAX_VERSION
        || n.doubleValue() != n.longValue() || !(n instanceof Integer || n instanceof Long)) {
      refuse(null, "malformed", "version must be a whole number from 1 to " + MAX_VERSION);
      return;
    }
    long version = n.longValue();
    ConfigStamp claimed = new ConfigStamp(version, d instanceof String s ? s : "unknown");
    for (String key : m.fieldNames()) {
      if (!FIELDS.contains(key)) {
        String shown = key.length() > 64 ? key.substring(0, 64) + "..." : key;
        refuse(claimed, "malformed", "unknown field '" + shown + "'; a config/set message has "
            + String.join(", ", FIELDS));
        return;
      }
    }
    if (!(d instanceof String) || !(f instanceof String)) {
      refuse(claimed, "malformed", "digest and file must be strings");
      return;
    }
    if (w != null && (!(w instanceof Number wn) || wn.doubleValue() != wn.longValue()
        || wn.longValue() < MIN_WINDOW_S || wn.longValue() > MAX_WINDOW_S)) {
      refuse(claimed, "malformed", "health_window_s must be a whole number from "
          + MIN_WINDOW_S + " to " + MAX_WINDOW_S);
      return;
    }
    if (retained) {
      refuse(claimed, "retained", "a retained config/set would be delivered again at "
          + "every connect; publish it without the retain flag and clear this one");
      return;
    }
    byte[] file = ((String) f).getBytes(StandardCharsets.UTF_8);
    if (!ConfigStamp.digest(file).equals(d)) {
      refuse(claimed, "digest_mismatch", "the digest is not sha256:<hex> of the file's UTF-8 bytes");
      return;
    }
    long highest;
    try {
      highest = store.highest();
      if (version < highest) {
        refuse(claimed, "stale", "version " + version + " is lower than version "
            + highest + ", already received");
        return;
      }
      if (version == highest) {
        refuse(claimed, "replayed", "version " + version + " was already received");
        return;
      }
      store.writeHighest(version);
    } catch (IOException e) {
      refuse(claimed, "store_failed", "cannot record the version: " + e.getMessage());
      return;
    }
    Duration window = w == null ? options.healthWindow() : Duration.ofSeconds(((Number) w).longValue());
    apply("config/set", file, claimed, window);
  }

  /** Validates, then stops the running gateway and starts one from {@code bytes}. */
  private void apply(String name, byte[] bytes, ConfigStamp stamp, Duration window) {
    Installation inst;
    try {
      inst = load(name, bytes);
      List<ConfigError> extra = new ArrayList<>();
      Installation running = current.installation();
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (!inst.id().equals(running.id())) {
        int[] at = keyAt(text, java.util.regex.Pattern.compile("(?m)^(installation)\\s*:"));
        extra.add(new ConfigError(name, at[0], at[1], "installation", "the installation id cannot change "
            + "(it is the broker account and every topic); it is '" + running.id() + "'"));
      }
      if (inst.hardware().backend() != running.hardware().backend()) {
        int[] at = keyAt(text, java.util.regex.Pattern.compile(
            "(?ms)^hardware\\s*:.*?\\b(backend)\\s*:"));
        extra.add(new ConfigError(name, at[0], at[1], "hardware.backend", "the hardware backend cannot change "
            + "while the gateway runs; change it locally and restart"));
      }
      if (!extra.isEmpty()) {
        throw new ConfigException(extra);
      }
    } catch (ConfigException e) {
      for (ConfigError error : e.errors()) {
        LOG.warn("{}", error.format());
      }
      LOG.warn("configuration version {} rejected: {} errors", stamp.version(), e.errors().size());
      publish(result("rejected", stamp).put("reason", "invalid").put("errors", errorsJson(e)));
      return;
    }
    if (name.equals(options.localFile().toString())) {
      notice = null; // the local file validates again
    }
    if (pending != null) {
      publish(result("superseded", pending.file().stamp()).put("reason",
          "version " + stamp.version() + " arrived during the health gate"));
      pending = null;
    }
    ConfigStore.Stored candidate = new ConfigStore.Stored(bytes, stamp, localDigestNow());
    try {
      store.writeCandidate(candidate);
    } catch (IOException e) {
      refuse(stamp, "store_failed", "cannot record the candidate: " + e.getMessage());
      return;
    }
    LOG.info("applying configuration version {} ({})", stamp.version(), stamp.digest());
    Gateway before = current;
    KeptOutputs kept = current.stopKeeping(inst);
    KeptOutputs accounts = kept.accounts();
    try {
      current = startGateway(inst, stamp, kept);
    } catch (IOException | SecretException | RuntimeException e) {
      // its outputs went safe and its session ended; the on-time accounts carry on
      rollback(candidate.stamp(), "the gateway did not start: " + describe(e), accounts);
      return;
    }
    clearRemovedStates(before, current, java.util.Set::of);
    pending = new Pending(candidate, System.nanoTime() + window.toNanos());
    scheduleGate();
  }

  private void scheduleGate() {
    thread.schedule(this::gate, GATE_TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** At the window's end: every device present and the uplink connected, or roll back. */
  private void gate() {
    Pending p = pending;
    if (p == null) {
      return;
    }
    if (System.nanoTime() - p.deadlineNanos() < 0) {
      scheduleGate();
      return;
    }
    pending = null;
    List<String> problems = healthProblems(current);
    if (!problems.isEmpty()) {
      rollback(p.file().stamp(), "health gate failed: " + String.join("; ", problems));
      return;
    }
    try {
      store.writeGood(new ConfigStore.Stored(p.file().bytes(), p.file().stamp(), localDigestNow()));
      store.clearCandidate();
    } catch (IOException e) {
      LOG.error("cannot record the last known good file: {}", e.getMessage());
    }
    LOG.info("configuration version {} applied and healthy", p.file().stamp().version());
    publish(result("applied", p.file().stamp()));
  }

  static List<String> healthProblems(Gateway g) {
    List<String> problems = new ArrayList<>();
    for (DeviceStatus d : g.deviceStatuses()) {
      if (d.state() != DeviceState.OK) {
        problems.add("device " + d.id() + " " + d.state().wireName()
            + (d.lastError() == null ? "" : " (" + d.lastError() + ")"));
      }
    }
    if (g.uplink() == null || !g.uplink().isConnected()) {
      problems.add("uplink not connected");
    }
    return problems;
  }

  /** Starts the last known good file the same way and reports {@code rolled_back}. */
  private void rollback(ConfigStamp failed, String reason) {
    rollback(failed, reason, null);
  }

  /**
   * Like {@link #rollback(ConfigStamp, String)}; with {@code accounts} (the gateway of the failed
   * file did not start) the good file's gateway continues from those instead of taking over
   * from {@link #current}.
   */
  private void rollback(ConfigStamp failed, String reason, KeptOutputs accounts) {
    LOG.warn("configuration version {} rolled back: {}", failed.version(), reason);
    try {
      ConfigStore.Stored good = store.good().orElseThrow(() -> new IOException("no last known good file"));
      Installation goodFile = load("last known good, version " + good.stamp().version(), good.bytes());
      // the same selective path: outputs the good file declares as the failed one did stay
      Gateway before = current;
      KeptOutputs kept = accounts != null ? accounts
          : current != null ? current.stopKeeping(goodFile) : KeptOutputs.none();
      current = null;
      current = startGateway(goodFile, good.stamp(), kept);
      clearRemovedStates(before, current, java.util.Set::of);
      // pin the decision to the local file as it is now (a rolled-back local edit stays out)
      store.writeGood(new ConfigStore.Stored(good.bytes(), good.stamp(), localDigestNow()));
      store.clearCandidate();
    } catch (IOException | ConfigException | SecretException | RuntimeException e) {
      LOG.error("cannot start the last known good file: {}", describe(e));
      options.onFatal().accept(e);
      return;
    }
    publish(result("rolled_back", failed).put("reason", reason));
  }

  private Gateway startGateway(Installation inst, ConfigStamp stamp) throws IOException, SecretException {
    return startGateway(inst, stamp, KeptOutputs.none());
  }

  /** Starts a gateway from {@code inst}, taking over {@code kept} (owned from here on). */
  private Gateway startGateway(Installation inst, ConfigStamp stamp, KeptOutputs kept)
      throws IOException, SecretException {
    GatewayOptions o = options.gateway();
    java.util.function.Supplier<char[]> token;
    try {
      token = httpToken(inst, o.httpToken());
    } catch (SecretException | RuntimeException e) {
      kept.close();
      throw e;
    }
    Gateway g = Gateway.start(inst, new GatewayOptions(token, backend,
        o.version(), vertx), stamp, notice, kept);
    g.uplink().subscribe(configTopic(g, "set"), 1, this::onMessage);
    return g;
  }

  /**
   * The dashboard token of {@code inst}: its {@code http.token} resolved now (so a changed
   * reference, or the file or variable it names, takes effect at every apply), else
   * {@code fallback} (the process's {@code STREETSENSE_HTTP_TOKEN} or a generated token).
   *
   * @throws SecretException naming {@code http.token} and the variable or file, never the value,
   *     when the reference cannot be resolved or holds a token that is too short
   */
  static java.util.function.Supplier<char[]> httpToken(Installation inst,
      java.util.function.Supplier<char[]> fallback) throws SecretException {
    if (inst.http().token().isEmpty()) {
      return fallback;
    }
    org.streetsense.gateway.config.SecretRef ref = inst.http().token().get();
    char[] token = ref.resolve().toCharArray();
    try {
      return org.streetsense.gateway.http.TokenSources.of(token);
    } catch (IllegalArgumentException e) {
      throw new SecretException(ref.origin() + ": " + ref.source().configName() + " " + ref.name()
          + " holds a token shorter than " + org.streetsense.gateway.http.TokenSources.MIN_LENGTH
          + " characters");
    } finally {
      java.util.Arrays.fill(token, '\0');
    }
  }

  private static String configTopic(Gateway g, String kind) {
    return g.topics().base() + "config/" + kind;
  }

  /**
   * A refused message, answered <em>not retained</em> (decision 0358): the retained
   * {@code config/result} keeps the outcome of the latest version the gateway took on, so a
   * replayed, stale, retained or damaged message never hides it.
   */
  private JsonObject refusal(ConfigStamp stamp, String reason, String detail) {
    LOG.warn("config/set refused ({}): {}", reason, detail);
    return result("rejected", stamp).put("reason", reason).put("detail", detail);
  }

  private void refuse(ConfigStamp stamp, String reason, String detail) {
    publish(refusal(stamp, reason, detail), 1, false);
  }

  private JsonObject result(String status, ConfigStamp stamp) {
    Gateway g = current;
    JsonObject r = new JsonObject().put("ts", System.currentTimeMillis())
        .put("installation", g.installation().id()).put("status", status);
    if (stamp != null) {
      r.put("version", stamp.version()).put("digest", stamp.digest());
    }
    ConfigStamp running = g.stamp();
    return r.put("running", new JsonObject().put("version", running.version()).put("digest", running.digest()));
  }

  /**
   * Publishes an outcome, retained at QoS 1, on the running gateway's uplink; while it is not
   * connected, tries again every second for two minutes, then drops it (logged).
   */
  private void publish(JsonObject result) {
    publish(result, 1, true);
  }

  private void publish(JsonObject result, int attempt, boolean retain) {
    Gateway g = current;
    if (g != null && g.uplink() != null && g.uplink().isConnected()) {
      g.uplink().publish(configTopic(g, "result"), result.encode().getBytes(StandardCharsets.UTF_8), 1, retain)
          .onFailure(e -> retry(result, attempt, retain));
    } else {
      retry(result, attempt, retain);
    }
  }

  /**
   * Clears the retained state of each actuator that {@code after} does not declare at the same
   * state topic (an empty retained message on that topic), so no backend or latecomer sees an
   * output that no longer exists: those {@code before} drove (under any topic prefix and
   * installation id), those this process removed earlier, and, under {@code after}'s own
   * installation topics only, those the store records from earlier runs (a restart with another
   * file, a process killed before a clear was acknowledged; cleared again at every start, since
   * a broker that lost its last save may have brought a cleared state back) or, when the store
   * has no usable record, {@code formerFiles} (the topics the files of the previous run may have had,
   * at a boot). Records {@code after}'s state topics and the removed ones in
   * the store first. Runs on the reloader's thread. Called once {@code after} runs: the removed
   * outputs' final safe states were queued on the session before (the same session, or one that
   * ended), so the clear comes last. While the uplink is not connected, tries again every second
   * for two minutes, then gives up (logged; the topic stays recorded, so the next start tries
   * again).
   */
  private void clearRemovedStates(Gateway before, Gateway after,
      java.util.function.Supplier<java.util.Set<String>> formerFiles) {
    java.util.Set<String> declared = StateTopics.of(after);
    java.util.Set<String> stale = new java.util.LinkedHashSet<>();
    boolean recorded = false;
    IOException damaged = null;
    try {
      recorded = store.hasStateTopics();
      stale.addAll(store.stateTopics());
    } catch (IOException e) {
      recorded = false;
      damaged = e;
    }
    if (!recorded) {
      // no usable record (damaged, or kept by a version that did not write one)
      java.util.Set<String> former = formerFiles.get();
      if (damaged != null) {
        setAsideStateTopics(damaged, former.isEmpty());
      } else if (!former.isEmpty()) {
        LOG.info("no record of the actuator state topics in {}: clearing those the previous "
            + "run's files may have had", store.dir());
      }
      stale.addAll(former);
    }
    // from the store, only this installation's topics: a store copied from another gateway (a
    // cloned SD card) must not clear a neighbour's states
    String own = StateTopics.base(after);
    stale.removeIf(t -> own == null || !t.startsWith(own));
    stale.addAll(removed);
    // compared as topics: a changed uplink.topicPrefix leaves every old state topic behind
    stale.addAll(StateTopics.of(before));
    stale.removeAll(declared);
    List<String> kept = new ArrayList<>(stale);
    if (kept.size() > ConfigStore.MAX_STATE_TOPICS) {
      kept = kept.subList(kept.size() - ConfigStore.MAX_STATE_TOPICS, kept.size());
    }
    removed.clear();
    removed.addAll(kept);
    uncleared.clear();
    uncleared.addAll(kept);
    recordStates();
    if (!kept.isEmpty()) {
      LOG.info("clearing the retained states of {} actuators the file does not declare: {}{}",
          kept.size(), String.join(", ", kept.subList(0, Math.min(5, kept.size()))),
          kept.size() > 5 ? ", ..." : "");
    }
    for (String topic : kept) {
      clearState(topic, 1);
    }
  }

  /** Every state topic the {@code files} of an earlier run may have had (reloader's thread). */
  private static java.util.Set<String> possibleStateTopics(List<ConfigStore.Stored> files) {
    java.util.Set<String> topics = new java.util.LinkedHashSet<>();
    for (ConfigStore.Stored file : files) {
      try {
        topics.addAll(StateTopics.possible(load("previous file", file.bytes())));
      } catch (ConfigException | RuntimeException e) {
        LOG.debug("a previous file is not readable now: {}", e.getMessage());
      }
    }
    return topics;
  }

  private void setAsideStateTopics(IOException damaged, boolean nothingElse) {
    String instead = nothingElse ? "" : "; the actuators of the previous file are cleared instead";
    try {
      java.nio.file.Path aside = store.setAsideStateTopics();
      LOG.warn("{}: moved to {}{}", damaged.getMessage(), aside, instead);
    } catch (IOException e) {
      LOG.warn("{} (and it cannot be moved aside: {}){}", damaged.getMessage(), e.getMessage(),
          instead);
    }
  }

  /** Records the running gateway's state topics and the removed ones (reloader's thread). */
  private void recordStates() {
    java.util.Set<String> topics = StateTopics.of(current);
    topics.addAll(removed);
    try {
      store.writeStateTopics(topics);
    } catch (IOException e) {
      LOG.warn("cannot record the actuator state topics in {}: {}", store.dir(), e.getMessage());
    }
  }

  private void clearState(String topic, int attempt) {
    if (!uncleared.contains(topic)) {
      return; // declared again by a later file, or cleared meanwhile
    }
    Gateway g = current;
    if (g != null && g.uplink() != null && g.uplink().isConnected()) {
      LOG.debug("clearing the retained state of a removed actuator: {}", topic);
      g.uplink().publish(topic, new byte[0], 1, true)
          .onSuccess(v -> onThread(() -> cleared(topic)))
          .onFailure(e -> retryClear(topic, attempt));
    } else {
      retryClear(topic, attempt);
    }
  }

  /** The broker acknowledged the clear of {@code topic}: no more attempts in this run. */
  private void cleared(String topic) {
    uncleared.remove(topic);
  }

  private void onThread(Runnable task) {
    try {
      thread.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("stopping: not run on the reloader's thread");
    }
  }

  private void retryClear(String topic, int attempt) {
    if (attempt >= PUBLISH_ATTEMPTS) {
      LOG.warn("the retained state {} of a removed actuator was not cleared: the uplink stayed away; "
          + "the next start tries again", topic);
      return;
    }
    try {
      thread.schedule(() -> clearState(topic, attempt + 1), 1, TimeUnit.SECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("stopping: {} not cleared", topic);
    }
  }

  private void retry(JsonObject result, int attempt, boolean retain) {
    if (attempt >= PUBLISH_ATTEMPTS) {
      LOG.warn("config result not published: {}", result.getString("status"));
      return;
    }
    try {
      thread.schedule(() -> publish(result, attempt + 1, retain), 1, TimeUnit.SECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("stopping: config result dropped");
    }
  }

  private String localDigestNow() {
    try {
      return ConfigStamp.digest(readLocal(options));
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private static byte[] readLocal(ReloaderOptions options) throws IOException {
    return Files.readAllBytes(options.localFile());
  }

  private static Installation load(String name, byte[] bytes) throws ConfigException {
    return InstallationLoader.load(name, new ByteArrayInputStream(bytes));
  }

  /**
   * The line and column (1-based) of group 1 of {@code key} in {@code text}, or 1:1 when it is
   * not found (a key written in an unusual form; the path still names it).
   */
  static int[] keyAt(String text, java.util.regex.Pattern key) {
    java.util.regex.Matcher m = key.matcher(text);
    if (!m.find()) {
      return new int[] {1, 1};
    }
    int start = m.start(1);
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < start; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, start - lineStart + 1};
  }

  private static JsonArray errorsJson(ConfigException e) {
    JsonArray errors = new JsonArray();
    e.errors().stream().limit(MAX_ERRORS).forEach(err -> errors.add(new JsonObject()
        .put("line", err.line()).put("column", err.column()).put("path", err.path())
        .put("message", err.message())));
    return errors;
  }

  /** The stored last known good file, or null (logged) when it does not load. */
  private static Installation lastKnownGood(ConfigStore.Stored good) {
    try {
      return load("last known good, version " + good.stamp().version(), good.bytes());
    } catch (ConfigException e) {
      LOG.warn("the last known good file is not usable: {}", describe(e));
      return null;
    }
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Stops for good: waits for an apply in progress (up to 60 s), stops the running gateway
   * (outputs safe, offline state, spool closed) and closes the hardware. Idempotent.
   */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("an apply did not end within 60 s; stopping anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Gateway g = current;
    if (g != null) {
      g.stop();
    }
    if (simulation != null) {
      simulation.stop();
    }
    backend.closeForGood();
    if (ownsVertx) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("while stopping: {}", e.toString());
      }
    }
  }

  /** Options of a {@link Reloader}. */
  public record ReloaderOptions(java.nio.file.Path localFile, java.nio.file.Path storeDir,
      Duration healthWindow, GatewayOptions gateway, Consumer<Throwable> onFatal) {

    public ReloaderOptions {
      java.util.Objects.requireNonNull(localFile, "localFile");
      java.util.Objects.requireNonNull(storeDir, "storeDir");
      java.util.Objects.requireNonNull(healthWindow, "healthWindow");
      java.util.Objects.requireNonNull(gateway, "gateway");
      java.util.Objects.requireNonNull(onFatal, "onFatal");
    }
  }
}
