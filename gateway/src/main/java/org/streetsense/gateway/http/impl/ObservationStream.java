package org.streetsense.gateway.http.impl;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's server push, as Server-Sent Events on {@code /dash/api/stream}. Each stream
 * sends, in order: {@code snapshot} (everything, once), then {@code observation} for every
 * message on the observation address (all channels: technicians see private ones) and {@code
 * status} whenever devices, uplink, events, actuators or health change (checked every status push
 * interval), plus keep-alive comments. A client that cannot keep up loses observations rather
 * than growing the server's buffers; each {@code status} event carries the count it lost.
 */
final class ObservationStream {

  private static final Logger LOG = LoggerFactory.getLogger(ObservationStream.class);

  private final Vertx vertx;
  private final DashboardApi api;
  private final String address;
  private final Duration statusInterval;
  private final Duration heartbeat;
  private final Set<HttpServerResponse> open = ConcurrentHashMap.newKeySet();

  ObservationStream(Vertx vertx, DashboardApi api, String address, Duration statusInterval,
      Duration heartbeat) {
    this.vertx = vertx;
    this.api = api;
    this.address = address;
    this.statusInterval = statusInterval;
    this.heartbeat = heartbeat;
  }

  /** Opens a stream on {@code ctx}'s response; it lasts until the client goes away. */
  void open(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: 3000\n\n");
    open.add(response);
    long[] lost = {0};
    String[] lastStatus = {null};
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, message -> {
      if (response.writeQueueFull()) {
        lost[0]++;
      } else {
        send(response, "observation", message.body());
      }
    });
    long statusTimer = vertx.setPeriodic(statusInterval.toMillis(), id -> {
      String encoded = api.live().put("lost", lost[0]).encode();
      if (!encoded.equals(lastStatus[0]) && !response.writeQueueFull()) {
        lastStatus[0] = encoded;
        write(response, "event: status\ndata: " + encoded + "\n\n");
      }
    });
    long pingTimer = vertx.setPeriodic(heartbeat.toMillis(), id -> {
      if (!response.writeQueueFull()) {
        write(response, ": ping\n\n");
      }
    });
    Runnable cleanup = () -> {
      vertx.cancelTimer(statusTimer);
      vertx.cancelTimer(pingTimer);
      consumer.unregister();
      open.remove(response);
    };
    response.closeHandler(v -> cleanup.run());
    response.endHandler(v -> cleanup.run());
    response.exceptionHandler(e -> {
      LOG.debug("dashboard stream failed: {}", e.toString());
      cleanup.run();
    });
    api.snapshot().onComplete(result -> {
      if (result.succeeded()) {
        send(response, "snapshot", result.result());
      } else {
        LOG.warn("dashboard snapshot failed: {}", result.cause().toString());
        send(response, "problem", new JsonObject().put("error", "snapshot unavailable"));
      }
    });
  }

  /** Number of open streams. */
  int openStreams() {
    return open.size();
  }

  /** Ends every open stream. */
  void closeAll() {
    for (HttpServerResponse response : open) {
      if (!response.ended()) {
        response.end();
      }
    }
    open.clear();
  }

  private static void send(HttpServerResponse response, String event, JsonObject data) {
    write(response, "event: " + event + "\ndata: " + data.encode() + "\n\n");
  }

  private static void write(HttpServerResponse response, String chunk) {
    if (!response.ended() && !response.closed()) {
      response.write(chunk);
    }
  }
}
