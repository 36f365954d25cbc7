package org.streetsense.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.command.ActuatorState;
import org.streetsense.gateway.command.CommandCodec;
import org.streetsense.gateway.command.MqttCommandFront;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.SecretException;
import org.streetsense.gateway.dmx.DmxOutputs;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.uplink.ConnectionState;
import org.streetsense.gateway.uplink.MqttUplink;
import org.streetsense.gateway.uplink.contract.TopicKind;
import org.streetsense.gateway.uplink.contract.Topics;

/**
 * Puts an installation's outputs into their safe states after the gateway process has ended, by
 * whatever means (the {@code safe-outputs} command, run by the systemd unit as
 * {@code ExecStopPost=}, so also after SIGKILL, an OutOfMemoryError exit or a JVM crash; decision
 * 0272):
 *
 * <ol>
 *   <li>opens every declared output (GPIO outputs, PCA9685 channels) on the installation's
 *       backend in its declared safe state, drives the safe state once more, reads the level back,
 *       and releases the output (a released GPIO line keeps its level on Raspberry Pi kernels; see
 *       docs/hardware.md);
 *   <li>sends every DMX fixture's safe look on its universe and stops the universe cleanly
 *       (hold or blackout, sACN stream-terminated; docs/interaction.md, "DMX fixtures");
 *   <li>then, if the broker accepts a connection within the timeout, publishes each output's
 *       retained state ({@code .../<actuator>/state}, cause {@value #CAUSE}) at QoS 1 and waits
 *       for the acknowledgements, with the gateway's credentials and its own client id
 *       ({@code <clientId>-safe-outputs}).
 * </ol>
 *
 * <p>Must not run while the gateway runs: both would drive the same outputs. Blocking; bounded by
 * the broker timeout plus the uplink's stop timeout (5 s). Never throws for an unreachable broker:
 * that is reported in the {@link Report}.
 */
public final class SafeOutputs {

  /** The {@code cause} of the retained states this publishes. */
  public static final String CAUSE = "safe_outputs";

  private static final Logger LOG = LoggerFactory.getLogger(SafeOutputs.class);

  private SafeOutputs() {}

  /**
   * One output after the run.
   *
   * @param actuator actuator id (a PCA9685 channel is {@code device/channel})
   * @param level the level read back after driving the safe state
   * @param safe whether {@code level} is the declared safe level
   * @param outputHigh the output read back from the hardware after the safe state was driven:
   *     the fraction of each period it is high (0 or 1 for a pin, the duty of a PWM output, after
   *     any active-low inversion); {@code NaN} when it cannot be read
   */
  public record Output(String actuator, double level, boolean safe, double outputHigh) {

    public Output(String actuator, double level, boolean safe) {
      this(actuator, level, safe, Double.NaN);
    }
  }

  /**
   * What was done.
   *
   * @param outputs every declared output, in file order; empty when opening failed
   * @param openError why the outputs could not be opened; empty when they were
   * @param published whether every retained state was acknowledged by the broker
   * @param publishProblem why the states were not published; empty when they were, or when there
   *     was nothing to publish
   */
  public record Report(List<Output> outputs, String openError, boolean published,
      String publishProblem) {

    public Report {
      outputs = List.copyOf(outputs);
    }

    /** Whether every output was opened and reads back its safe level. */
    public boolean allSafe() {
      return openError.isEmpty() && outputs.stream().allMatch(Output::safe);
    }
  }

  /**
   * Drives the outputs safe, then publishes their states.
   *
   * @param brokerTimeout how long to wait for the broker to accept the connection and acknowledge
   *     the states
   */
  public static Report run(Installation inst, Duration brokerTimeout) {
    Objects.requireNonNull(inst, "inst");
    Objects.requireNonNull(brokerTimeout, "brokerTimeout");
    HardwareBackend backend;
    try {
      backend = Backends.create(inst);
    } catch (RuntimeException e) {
      String openError = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.error("outputs could not be opened to drive their safe states: {}", openError);
      return new Report(List.of(), openError, false,
          "nothing published: the outputs could not be opened");
    }
    return run(inst, backend, brokerTimeout);
  }

  /** As {@link #run(Installation, Duration)}, on {@code backend}, which this closes. */
  static Report run(Installation inst, HardwareBackend hardware, Duration brokerTimeout) {
    List<Output> outputs = new ArrayList<>();
    String openError = "";
    try (HardwareBackend backend = hardware) {
      if (backend instanceof SimulatedBackend sim) {
        SimulatedInstallation.populate(sim, inst);
      }
      Devices devices = Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
      try {
        for (Actuator a : devices.actuators()) {
          a.toSafeState();
          double level = a.level();
          outputs.add(new Output(a.id(), level, level == a.safeLevel(), a.outputHigh()));
        }
      } finally {
        devices.close();
      }
    } catch (HardwareIoException | RuntimeException e) {
      openError = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.error("outputs could not be opened to drive their safe states: {}", openError);
    }
    // DMX fixtures: opening sends their safe looks; closing stops each universe cleanly
    try (DmxOutputs dmx = DmxOutputs.open(inst.dmx().universes(), inst.dmx().fixtures())) {
      for (Actuator a : dmx.actuators()) {
        // the look left on the receiver once the universe is closed: safe, or dark on blackout
        a.toStopState();
        outputs.add(new Output(a.id(), a.level(), a.level() == a.stopLevel()));
      }
    } catch (IOException | RuntimeException e) {
      String dmxError = "DMX: " + (e.getMessage() == null ? e.toString() : e.getMessage());
      LOG.error("DMX fixtures could not be driven to their safe looks: {}", dmxError);
      openError = openError.isEmpty() ? dmxError : openError + "; " + dmxError;
    }
    if (outputs.isEmpty()) {
      return new Report(outputs, openError, false,
          openError.isEmpty() ? "" : "nothing published: the outputs could not be opened");
    }
    String problem = publish(inst, outputs, brokerTimeout);
    return new Report(outputs, openError, problem.isEmpty(), problem);
  }

  /** Publishes the states; returns why not, or "" when every state was acknowledged. */
  private static String publish(Installation inst, List<Output> outputs, Duration timeout) {
    Vertx vertx = Vertx.vertx();
    MqttUplink uplink = null;
    try {
      // its own client id: run by mistake beside a live gateway, it must not end that session
      uplink = MqttUplink.create(vertx, Settings.uplink(inst.uplink().mqtt(),
          inst.uplink().mqtt().clientId() + "-safe-outputs", null, null));
      Promise<Void> connected = Promise.promise();
      AtomicReference<String> lastFailure = new AtomicReference<>("no answer");
      uplink.onConnectionChange(s -> {
        if (s.status() == ConnectionState.Status.CONNECTED) {
          connected.tryComplete();
        } else if (!s.reason().isEmpty()) {
          lastFailure.set(s.reason());
        }
      });
      uplink.start();
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        awaitUntil(connected.future(), deadline, "connect to the broker");
      } catch (TimeoutException e) {
        throw new TimeoutException("no connection to the broker within " + timeout.toMillis()
            + " ms (" + lastFailure.get() + ")");
      }
      Topics topics = new Topics(inst.uplink().mqtt().topicPrefix(), inst.id());
      CommandCodec codec = new CommandCodec();
      List<Future<Void>> acks = new ArrayList<>();
      long now = System.currentTimeMillis();
      for (Output o : outputs) {
        acks.add(uplink.publish(MqttCommandFront.topic(topics, o.actuator(), TopicKind.STATE),
            codec.encode(new ActuatorState(o.actuator(), o.level(), o.safe(), CAUSE, now)), 1, true));
      }
      awaitUntil(Future.all(acks), deadline, "publish the retained states");
      return "";
    } catch (SecretException | TimeoutException | RuntimeException e) {
      return e.getMessage() == null ? e.toString() : e.getMessage();
    } finally {
      if (uplink != null) {
        awaitQuietly(uplink.stop(), Duration.ofSeconds(10));
      }
      awaitQuietly(vertx.close(), Duration.ofSeconds(5));
    }
  }

  private static void awaitUntil(Future<?> f, long deadlineNanos, String what)
      throws TimeoutException {
    try {
      f.toCompletionStage().toCompletableFuture()
          .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException("could not " + what + " in time");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      throw new IllegalStateException("could not " + what + ": " + c.getMessage(), c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what, e);
    }
  }

  private static void awaitQuietly(Future<?> f, Duration timeout) {
    try {
      f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.debug("closing after safe-outputs: {}", e.toString());
    }
  }
}
