package org.streetsense.gateway.app;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.streetsense.gateway.command.CommandResult;
import org.streetsense.gateway.dmx.DmxOutputs;
import org.streetsense.gateway.safety.SafetyPolicy;

/**
 * What a stopping {@link Gateway} hands to the next one of the same process when a new
 * installation file is applied (decision 0364): the outputs whose declaration did not change,
 * open and at their levels (output devices on the Pi, DMX universes and fixtures), and the safety
 * policy that kept their accounts (on-time ledgers, cool-downs, rate limits), which the next
 * policy continues for {@link #actuators()}, and the command answers remembered per id.
 *
 * <p>Whoever holds it owns the outputs in it: the next gateway takes them while it starts, and
 * {@link #close()} drives whatever was not taken to its safe state and closes it (a gateway that
 * failed to start, a file that no longer declares them). Used by one thread at a time.
 */
final class KeptOutputs implements AutoCloseable {

  private final Devices.Kept devices;
  private final DmxOutputs.Kept dmx;
  private final SafetyPolicy policy;
  private final Set<String> actuators;
  private final List<Map.Entry<String, CommandResult>> answers;
  private final Map<String, Double> previousLevels;
  private UplinkSession session;

  /**
   * What {@code devices} and {@code dmx} hold, with the policy that kept their accounts and the
   * command answers the stopping processor remembered ({@code answers}, oldest first).
   */
  KeptOutputs(Devices.Kept devices, DmxOutputs.Kept dmx, SafetyPolicy policy,
      List<Map.Entry<String, CommandResult>> answers) {
    this(devices, dmx, policy, answers, Map.of());
  }

  /**
   * As above, with {@code previousLevels}: the level each actuator of the stopping gateway last
   * published (by id; NaN for one it declared but never published), which tells the next gateway
   * which actuators the file adds (startup) and which it keeps or changes (reload).
   */
  KeptOutputs(Devices.Kept devices, DmxOutputs.Kept dmx, SafetyPolicy policy,
      List<Map.Entry<String, CommandResult>> answers, Map<String, Double> previousLevels) {
    this.previousLevels = Map.copyOf(previousLevels);
    this.devices = devices;
    this.dmx = dmx;
    this.policy = policy;
    this.answers = List.copyOf(answers);
    Set<String> ids = new java.util.LinkedHashSet<>(devices.actuatorIds());
    ids.addAll(dmx.actuatorIds());
    this.actuators = java.util.Collections.unmodifiableSet(ids);
  }

  /**
   * The accounts alone (the safety policy with its on-time ledgers, cool-downs and rate tokens,
   * and the remembered command answers), no outputs and no session: what the gateway of the
   * last known good file continues from when the gateway of a new file did not start (its
   * outputs went safe and its session ended), so a file that fails to start gives no output a
   * fresh on-time allowance.
   */
  KeptOutputs accounts() {
    return new KeptOutputs(Devices.Kept.none(), DmxOutputs.Kept.NONE, policy, answers);
  }

  /** Nothing handed over: a gateway started from scratch. */
  static KeptOutputs none() {
    return new KeptOutputs(Devices.Kept.none(), DmxOutputs.Kept.NONE, null, List.of());
  }

  Devices.Kept devices() {
    return devices;
  }

  DmxOutputs.Kept dmx() {
    return dmx;
  }

  /** The policy before the apply, whose accounts the next one continues; null for none. */
  SafetyPolicy policy() {
    return policy;
  }

  /** Ids of the actuators handed over at their levels. */
  Set<String> actuators() {
    return actuators;
  }

  /**
   * The answers the stopping processor remembered per command id, oldest first: the next one
   * answers a repeated id with them instead of running it again.
   */
  List<Map.Entry<String, CommandResult>> answers() {
    return answers;
  }

  /** The level each actuator of the stopping gateway last published, by id; empty for none. */
  Map<String, Double> previousLevels() {
    return previousLevels;
  }

  /** Adds the MQTT session, handed over with the outputs (decision 0365). */
  void handOver(UplinkSession kept) {
    this.session = kept;
  }

  /** The MQTT session handed over, now owned by the caller; null when none (or already taken). */
  UplinkSession takeSession() {
    UplinkSession s = session;
    session = null;
    return s;
  }

  /**
   * Drives what was not taken to its safe state and closes it; a session not taken is ended
   * (offline state published). Never throws.
   */
  @Override
  public void close() {
    UplinkSession s = takeSession();
    if (s != null) {
      try {
        s.stop().toCompletionStage().toCompletableFuture().get(15, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        // ending anyway; the broker publishes the will when the connection goes
      }
    }
    devices.close();
    dmx.close();
  }
}
