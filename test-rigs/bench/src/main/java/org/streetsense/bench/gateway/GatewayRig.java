package org.streetsense.bench.gateway;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.streetsense.gateway.clock.ClockTrust;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.sink.mqtt.MqttSink;
import org.streetsense.gateway.sink.mqtt.MqttSinkOptions;
import org.streetsense.gateway.spool.BootId;
import org.streetsense.gateway.spool.ForwarderOptions;
import org.streetsense.gateway.spool.FsyncPolicy;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.spool.SpoolForwarder;
import org.streetsense.gateway.spool.SpoolOptions;
import org.streetsense.gateway.uplink.MqttUplink;
import org.streetsense.gateway.uplink.MqttUplinkOptions;
import org.streetsense.bench.Workload;

/**
 * The gateway's delivery path, assembled from its real classes: {@link Spool} (default options,
 * so group-commit fsync) → {@link SpoolForwarder} → {@link MqttSink} → {@link MqttUplink} (Paho,
 * max 1000 in flight) → the broker. The forwarder's telemetry pacing is lifted to
 * {@code ratePerSecond} so the rig measures capacity, not the configured replay limit.
 */
public final class GatewayRig implements AutoCloseable {

  private final Vertx vertx;
  private final Spool spool;
  private final MqttUplink uplink;
  private final SpoolForwarder forwarder;

  private GatewayRig(Vertx vertx, Spool spool, MqttUplink uplink, SpoolForwarder forwarder) {
    this.vertx = vertx;
    this.spool = spool;
    this.uplink = uplink;
    this.forwarder = forwarder;
  }

  /**
   * Opens a fresh spool in {@code dir}, connects to {@code brokerUrl} and starts forwarding;
   * returns once the uplink is connected.
   */
  public static GatewayRig start(Path dir, String brokerUrl, MqttSinkOptions mode,
      int batchSize, double ratePerSecond) throws Exception {
    return start(dir, brokerUrl, mode, batchSize, ratePerSecond, FsyncPolicy.GROUP);
  }

  /** As above with another fsync policy (a diagnostic: shows what waiting for a commit costs). */
  public static GatewayRig start(Path dir, String brokerUrl, MqttSinkOptions mode,
      int batchSize, double ratePerSecond, FsyncPolicy fsync) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Spool spool = Spool.open(SpoolOptions.builder(dir).fsyncPolicy(fsync).build(), vertx)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      MqttUplink uplink = MqttUplink.create(vertx, MqttUplinkOptions.builder()
          .serverUri(brokerUrl)
          .clientId("bench-gw-" + UUID.randomUUID().toString().substring(0, 8))
          .maxInflight(1000)
          .maxQueued(100_000)
          .build());
      uplink.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!uplink.isConnected()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("gateway uplink did not connect to " + brokerUrl);
        }
        vertx.timer(20).toCompletionStage().toCompletableFuture().get();
      }
      MqttSink sink = new MqttSink(uplink, Workload.TOPICS, mode);
      ClockTrust clock = new ClockTrust(TimeSource.system(), Instant.parse("2020-01-01T00:00:00Z"),
          () -> true, BootId.current());
      ForwarderOptions fo = ForwarderOptions.builder().batchSize(batchSize)
          .ratePerSecond(ratePerSecond).burst((int) Math.min(1_000_000, ratePerSecond))
          .retryInitial(Duration.ofMillis(100)).retryMax(Duration.ofSeconds(1))
          .idlePoll(Duration.ofMillis(100)).build();
      SpoolForwarder forwarder = SpoolForwarder.start(vertx, spool, sink, fo, clock,
          TimeSource.system()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new GatewayRig(vertx, spool, uplink, forwarder);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  /** The rig's uplink (the connection telemetry and events travel on). */
  public MqttUplink uplink() {
    return uplink;
  }

  public Spool spool() {
    return spool;
  }

  /**
   * Appends {@code perSecond} telemetry readings per second (a hundredth of them every 10 ms, on
   * {@code clock}, until it is shut down) as background load, and returns after its first
   * second. Does nothing when {@code perSecond} is 0.
   */
  public void startBackgroundTelemetry(ScheduledExecutorService clock, int perSecond)
      throws InterruptedException, ExecutionException {
    if (perSecond <= 0) {
      return;
    }
    int chunk = Math.max(1, perSecond / 100);
    AtomicLong k = new AtomicLong();
    clock.scheduleAtFixedRate(() -> {
      for (int i = 0; i < chunk; i++) {
        spool.append(Workload.reading(k.getAndIncrement(), 20));
      }
    }, 0, 10, TimeUnit.MILLISECONDS);
    clock.schedule(() -> { }, 1, TimeUnit.SECONDS).get();
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Stops forwarding, stops the uplink, closes the spool and Vert.x, waiting up to 10 s for each.
   *
   * @throws IllegalStateException if one of them fails or does not finish in time
   */
  @Override
  public void close() {
    forwarder.stop();
    try {
      uplink.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      spool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the gateway rig", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("gateway rig did not close cleanly: " + e, e);
    }
  }
}
