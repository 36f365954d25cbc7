package org.streetsense.gateway.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.osc.OscIn;
import org.streetsense.gateway.osc.OscInOptions;
import org.streetsense.gateway.osc.OscOut;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.safety.SafetyPolicy;

/**
 * The interaction side of an installation, from its {@link InteractionPlan}: the safety policy
 * every command source goes through, and the OSC bridge (live out, commands in).
 */
final class Interaction {

  private Interaction() {}

  static SafetyPolicy policy(InteractionPlan plan, TimeSource time) {
    return policy(plan, time, null);
  }

  /**
   * The policy of {@code plan}, continuing the on-time accounts and rate limits of every actuator
   * {@code previous} had (the file before an apply, decisions 0364, 0375); null for none.
   */
  static SafetyPolicy policy(InteractionPlan plan, TimeSource time, SafetyPolicy previous) {
    return new SafetyPolicy(plan.limits(), plan.quietHours(), plan.maxDuration(), time::wallMillis,
        time::monotonicNanos, previous);
  }

  /**
   * Opens the OSC output (when the file has targets) and input (when it listens). The returned
   * closeables are open; the output is also a consumer of accepted observations; the started
   * input is handed to {@code onInput} (liveness and meters).
   */
  static List<AutoCloseable> osc(InteractionPlan plan, CommandProcessor commands, TimeSource time,
      java.util.function.Consumer<java.util.function.Consumer<Observation>> subscribe,
      io.vertx.core.Vertx vertx, java.util.function.Consumer<OscIn> onInput) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      if (!plan.oscTargets().isEmpty()) {
        OscOut out = new OscOut(plan.oscTargets(), plan.oscRanges());
        subscribe.accept(out);
        long snapshots = vertx.setPeriodic(Math.max(10, plan.snapshotInterval().toMillis()),
            id -> out.sendSnapshot());
        opened.add(() -> vertx.cancelTimer(snapshots)); // the Vert.x may outlive this gateway
        opened.add(out);
      }
      if (plan.oscListen().isPresent()) {
        // a port another program holds is retried with back-off and shown on /health, not fatal
        OscIn in = OscIn.bindingWhenFree(plan.oscListen().get(), plan.oscPrefix(), commands, time,
            OscInOptions.defaults());
        in.start();
        opened.add(in);
        onInput.accept(in);
      }
    } catch (IOException e) {
      opened.forEach(Interaction::closeQuietly);
      throw new UncheckedIOException("cannot open OSC: " + e.getMessage(), e);
    }
    return opened;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Already failing; the cause above is what matters.
    }
  }
}
