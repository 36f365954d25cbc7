package org.streetsense.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.streetsense.gateway.http.impl.HttpSurfaceImpl;
import org.streetsense.gateway.metrics.GatewayMetrics;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.HistorySource;

/**
 * The gateway's web server: the technician dashboard under {@code /dash/}, {@code /health},
 * {@code /metrics}, and the public open data and citizens' page under {@code /public/}. See
 * {@code docs/http.md} for every endpoint.
 *
 * <p>Live values come from the event bus (see {@link org.streetsense.gateway.status}); everything
 * else from {@link GatewayStatus} and {@link HistorySource}. Handlers never block the event loop:
 * history queries and scrapes run on worker threads.
 */
public interface HttpSurface {

  /**
   * A surface that is not yet listening.
   *
   * @param vertx the Vert.x instance to run on
   * @param options server options, including the dashboard token
   * @param status read model of the gateway; only called for snapshots
   * @param history stored readings, for exports and aggregates
   * @param metrics the registry {@code /metrics} scrapes
   */
  static HttpSurface create(Vertx vertx, HttpSurfaceOptions options, GatewayStatus status,
      HistorySource history, GatewayMetrics metrics) {
    return new HttpSurfaceImpl(vertx, options, status, history, metrics);
  }

  /**
   * A surface that also lets the technician test actuators from the dashboard ({@code POST
   * /dash/api/actuators/<actuator>/command}), through {@code commands} and its safety policy.
   */
  static HttpSurface create(Vertx vertx, HttpSurfaceOptions options, GatewayStatus status,
      HistorySource history, GatewayMetrics metrics,
      org.streetsense.gateway.command.CommandProcessor commands) {
    return new HttpSurfaceImpl(vertx, options, status, history, metrics, commands);
  }

  /**
   * Starts listening.
   *
   * @return a future completing with the bound port, or failing if the port cannot be bound
   */
  Future<Integer> start();

  /** The bound port; -1 before {@link #start()} completed. */
  int actualPort();

  /** Stops listening, ends open dashboard streams and timers. Idempotent. */
  Future<Void> close();
}
