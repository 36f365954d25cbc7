package org.streetsense.gateway.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.streetsense.gateway.app.ConfigStamp;
import org.streetsense.gateway.config.ConfigError;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.uplink.TlsOptions;
import org.streetsense.gateway.uplink.impl.PemSslSocketFactories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code streetsense push}: sends one installation file to many installations over
 * {@code config/set}, in waves: the first installation alone (the canary), then the rest in
 * groups of {@code --wave-size}. Each wave is sent at once and waited for until every member
 * answered on {@code config/result} (or {@code --timeout}); the rollout stops after the first
 * wave with an installation that did not answer {@code applied}. Prints one line per
 * installation. Blocking; runs on the command's thread and Paho's: Paho's callback completes
 * each installation's answer, the command's thread waits for a wave's answers to complete (no
 * polling).
 *
 * <p>The password comes from the environment the command is given ({@link
 * StreetsenseCommand#commandLine(Map)}; {@code System.getenv()} when run from the shell).
 */
@Command(name = "push",
    description = "Send one installation file to installations over MQTT in waves (a canary first) "
        + "and print each one's outcome; stops at the first wave that is not applied everywhere.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every installation applied the file", "1:the rollout stopped (an installation "
        + "did not apply the file, or the broker could not be reached)", "2:wrong usage",
        "3:the file is invalid for one of the installations"})
final class PushCommand implements Callable<Integer> {

  /** Environment variable holding the broker password (never on the command line). */
  static final String PASSWORD_ENV = "STREETSENSE_PUSH_PASSWORD";
  private static final Pattern ID_LINE = Pattern.compile("^installation:[^\\n]*$", Pattern.MULTILINE);

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  // its own --version (the delivery version) hides the inherited -V/--version and -h/--help
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--file", required = true, paramLabel = "FILE",
      description = "the installation file; its top-level 'installation:' line is set to each target's id")
  Path file;

  @Option(names = "--version", required = true, paramLabel = "N",
      description = "the delivery version, higher than any sent to these installations before")
  long version;

  @Option(names = "--broker", required = true, paramLabel = "URL",
      description = "the city broker, tcp://host:1883 or ssl://host:8883")
  String broker;

  @Option(names = "--cafile", paramLabel = "FILE", description = "CA certificates (PEM) for ssl://")
  Path caFile;

  @Option(names = "--username", paramLabel = "USER", defaultValue = "configurator",
      description = "broker account (default: ${DEFAULT-VALUE}); password from " + PASSWORD_ENV)
  String username;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "streetsense/v1",
      description = "uplink.mqtt.topicPrefix of the installations (default: ${DEFAULT-VALUE})")
  String prefix;

  @Option(names = "--wave-size", paramLabel = "N", defaultValue = "5",
      description = "installations per wave after the canary (default: ${DEFAULT-VALUE})")
  int waveSize;

  @Option(names = "--health-window", paramLabel = "SECONDS",
      description = "health_window_s sent with the file (default: each gateway's own, 60 s)")
  Long healthWindow;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "how long to wait for each wave's answers (default: ${DEFAULT-VALUE})")
  long timeout;

  @Parameters(arity = "1..*", paramLabel = "INSTALLATION",
      description = "installation ids; the first is the canary")
  List<String> installations;

  /** One installation's outcome. */
  record Outcome(String installation, int wave, String status, String detail) {}

  /** A command that reads {@link #PASSWORD_ENV} from {@code environment}. */
  PushCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (version > org.streetsense.gateway.app.Reloader.MAX_VERSION) {
      err.println("streetsense: --version must be at most "
          + org.streetsense.gateway.app.Reloader.MAX_VERSION + " (2^53 - 1)");
      err.flush();
      return ExitCodes.USAGE;
    }
    if (version < 1 || waveSize < 1 || timeout < 1
        || (healthWindow != null && (healthWindow < 1 || healthWindow > 3600))) {
      err.println("streetsense: --version, --wave-size and --timeout must be at least 1, "
          + "--health-window 1..3600");
      err.flush();
      return ExitCodes.USAGE;
    }
    if (installations.stream().distinct().count() != installations.size()) {
      err.println("streetsense: an installation is named twice");
      err.flush();
      return ExitCodes.USAGE;
    }
    String template;
    try {
      template = Files.readString(file);
    } catch (IOException e) {
      err.println("streetsense: cannot read the file " + file + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
      err.flush();
      return ExitCodes.FAILURE;
    }
    if (!ID_LINE.matcher(template).find()) {
      err.println("streetsense: " + file + " has no top-level 'installation:' line");
      err.flush();
      return ExitCodes.CONFIG_INVALID;
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (String id : installations) {
      String yaml = ID_LINE.matcher(template).replaceFirst(Matcher.quoteReplacement("installation: " + id));
      try {
        InstallationLoader.load(id, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
      } catch (ConfigException e) {
        // name the file pushed, not the target whose copy was checked
        e.errors().stream().map(er -> file + ":" + er.line() + ":" + er.column() + ": "
            + (er.path().isEmpty() ? "" : er.path() + ": ") + er.message()
            + (installations.size() > 1 ? " (in the copy for " + id + ")" : "")).forEach(err::println);
        err.flush();
        return ExitCodes.CONFIG_INVALID;
      }
      files.put(id, yaml);
    }
    List<List<String>> waves = new ArrayList<>();
    waves.add(List.of(installations.get(0)));
    for (int i = 1; i < installations.size(); i += waveSize) {
      waves.add(installations.subList(i, Math.min(installations.size(), i + waveSize)));
    }
    // one answer per installation, completed by Paho's callback; the first answer counts
    Map<String, CompletableFuture<JsonObject>> answers = new LinkedHashMap<>();
    installations.forEach(id -> answers.put(id, new CompletableFuture<>()));
    List<Outcome> outcomes = new ArrayList<>();
    MqttClient client;
    try {
      client = connect(answers);
    } catch (MqttException e) {
      err.println("streetsense: cannot reach the broker " + broker + ": " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    }
    boolean stopped = false;
    try {
      for (int w = 0; w < waves.size(); w++) {
        if (stopped) {
          for (String id : waves.get(w)) {
            outcomes.add(new Outcome(id, w, "not_sent", "the rollout stopped"));
          }
          continue;
        }
        for (String id : waves.get(w)) {
          byte[] bytes = files.get(id).getBytes(StandardCharsets.UTF_8);
          JsonObject m = new JsonObject().put("version", version)
              .put("digest", ConfigStamp.digest(bytes)).put("file", files.get(id));
          if (healthWindow != null) {
            m.put("health_window_s", healthWindow);
          }
          client.publish(prefix + "/" + id + "/config/set", m.encode().getBytes(StandardCharsets.UTF_8), 1, false);
        }
        awaitAnswers(waves.get(w).stream().map(answers::get).toList());
        for (String id : waves.get(w)) {
          JsonObject a = answers.get(id).getNow(null);
          Outcome o = a == null ? new Outcome(id, w, "timeout", "no answer in " + timeout + " s")
              : new Outcome(id, w, a.getString("status"), a.getString("reason", ""));
          outcomes.add(o);
          stopped |= !o.status().equals("applied");
        }
      }
    } catch (MqttException e) {
      err.println("streetsense: publishing failed: " + e.getMessage());
      stopped = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      try {
        client.disconnect();
        client.close();
      } catch (MqttException e) {
        // ending anyway
      }
    }
    out.println(String.format(Locale.ROOT, "%-24s %-5s %-12s %s", "INSTALLATION", "WAVE", "OUTCOME", "DETAIL"));
    for (Outcome o : outcomes) {
      out.println(String.format(Locale.ROOT, "%-24s %-5s %-12s %s", o.installation(),
          o.wave() == 0 ? "canary" : Integer.toString(o.wave()), o.status(), o.detail()));
    }
    long applied = outcomes.stream().filter(o -> o.status().equals("applied")).count();
    out.println(applied + " of " + installations.size() + " applied version " + version
        + (stopped ? "; the rollout stopped" : ""));
    out.flush();
    err.flush();
    return stopped ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  /**
   * Waits until every one of {@code wave} is answered or {@code --timeout} has passed, whichever
   * comes first; the answers missing then are the wave's timeouts.
   */
  private void awaitAnswers(List<CompletableFuture<JsonObject>> wave) throws InterruptedException {
    try {
      CompletableFuture.allOf(wave.toArray(new CompletableFuture<?>[0]))
          .get(timeout, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // the installations that did not answer in time are reported as such
    } catch (ExecutionException e) {
      throw new IllegalStateException("an answer future failed", e); // never completed exceptionally
    }
  }

  /** Connects and subscribes to every answer; keeps the first live answer of this version. */
  private MqttClient connect(Map<String, CompletableFuture<JsonObject>> answers)
      throws MqttException {
    MqttClient client = new MqttClient(broker, "streetsense-push-" + ProcessHandle.current().pid(),
        new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    o.setUserName(username);
    String password = environment.get(PASSWORD_ENV);
    if (password != null) {
      o.setPassword(password.toCharArray());
    } else {
      spec.commandLine().getErr().println("streetsense: warning: " + PASSWORD_ENV
          + " is not set: connecting as " + username + " without a password");
      spec.commandLine().getErr().flush();
    }
    if (caFile != null) {
      o.setSocketFactory(PemSslSocketFactories.create(TlsOptions.trusting(caFile)));
    }
    client.connect(o);
    String filter = prefix + "/+/config/result";
    int levels = prefix.split("/").length;
    client.subscribe(filter, 1, (topic, message) -> {
      if (message.isRetained()) {
        return; // an answer to an earlier push
      }
      String id = topic.split("/")[levels];
      try {
        JsonObject a = new JsonObject(new String(message.getPayload(), StandardCharsets.UTF_8));
        CompletableFuture<JsonObject> answer = answers.get(id);
        if (a.getLong("version", -1L) == version && answer != null) {
          answer.complete(a);
        }
      } catch (DecodeException | ClassCastException e) {
        // not an answer of ours
      }
    });
    return client;
  }
}
