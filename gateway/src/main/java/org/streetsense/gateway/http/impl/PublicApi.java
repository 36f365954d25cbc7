package org.streetsense.gateway.http.impl;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.streetsense.gateway.http.HttpSurfaceOptions;
import org.streetsense.gateway.status.Aggregate;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.HistoryPoint;
import org.streetsense.gateway.status.HistorySource;
import org.streetsense.gateway.status.LatestValue;

/**
 * Public open-data endpoints: current values, aggregates and history exports of public channels,
 * each carrying license and attribution. History queries run on worker threads.
 */
final class PublicApi {

  static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

  private final Vertx vertx;
  private final GatewayStatus status;
  private final PublicView view;
  private final HistorySource history;
  private final HttpSurfaceOptions options;
  private final Supplier<Instant> now;
  private final ThrottledLog log;

  PublicApi(Vertx vertx, GatewayStatus status, PublicView view, HistorySource history,
      HttpSurfaceOptions options, Supplier<Instant> now, ThrottledLog log) {
    this.vertx = vertx;
    this.status = status;
    this.view = view;
    this.history = history;
    this.options = options;
    this.now = now;
    this.log = log;
  }

  /** {@code GET /public/api/current}. */
  void current(RoutingContext ctx) {
    Instant generated = now.get();
    Map<String, ChannelInfo> channels = channelsByKey();
    JsonArray array = new JsonArray();
    for (LatestValue v : view.latestValues()) {
      ChannelInfo c = channels.get(v.key());
      array.add(new JsonObject().put("channel", v.key()).put("device", v.device())
          .put("name", v.channel()).put("unit", v.unit()).put("kind", c == null ? "other" : c.kind().wireName())
          .put("value", Double.isNaN(v.value()) ? null : v.value())
          .put("quality", v.quality().wireName()).put("time", v.time().toString()));
    }
    send(ctx, new JsonObject().put("meta", OpenDataMeta.json(status.installation(), generated))
        .put("channels", array));
  }

  /** {@code GET /public/api/aggregates?window=1h}. */
  void aggregates(RoutingContext ctx) {
    String windowText = ctx.request().getParam("window");
    Duration window = windowText == null ? DEFAULT_WINDOW
        : TimeParams.duration("window", windowText);
    if (window.compareTo(options.historyMaxRange()) > 0) {
      throw new BadParameterException("window", "'window' must be at most "
          + TimeParams.human(options.historyMaxRange()) + ", was '"
          + TimeParams.shorten(windowText) + "'");
    }
    Instant to = now.get();
    Instant from = to.minus(window);
    List<ChannelInfo> channels = view.channels();
    vertx.executeBlocking(() -> {
      JsonArray array = new JsonArray();
      for (ChannelInfo c : channels) {
        Aggregate a = history.aggregate(c.device(), c.channel(), from, to);
        array.add(new JsonObject().put("channel", c.key()).put("unit", c.unit())
            .put("count", a.count()).put("min", finite(a.min())).put("max", finite(a.max()))
            .put("mean", finite(a.mean())));
      }
      return array;
    }, false).onComplete(result -> {
      if (result.failed()) {
        log.client("history unavailable", "aggregate query failed: "
            + TimeParams.shorten(result.cause().toString()));
        Responses.error(ctx, 500, "history is unavailable right now", null);
        return;
      }
      send(ctx, new JsonObject().put("meta", OpenDataMeta.json(status.installation(), to)
              .put("window", window.toString()).put("from", from.toString())
              .put("to", to.toString()))
          .put("channels", result.result()));
    });
  }

  /** {@code GET /public/api/history.csv} and {@code .json}. */
  void history(RoutingContext ctx, boolean csv) {
    Instant generated = now.get();
    HistoryRequest req = HistoryRequest.parse(ctx.request().params(), view,
        options.historyMaxRange(), options.historyMaxPoints(), generated);
    ChannelInfo c = req.channel();
    vertx.executeBlocking(() -> history.query(c.device(), c.channel(), req.from(), req.to(),
        req.limit() + 1), false).onComplete(result -> {
          if (result.failed()) {
            log.client("history unavailable", "history query failed: "
                + TimeParams.shorten(result.cause().toString()));
            Responses.error(ctx, 500, "history is unavailable right now", null);
            return;
          }
          List<HistoryPoint> points = result.result();
          boolean truncated = points.size() > req.limit();
          if (truncated) {
            points = points.subList(0, req.limit());
          }
          ctx.response().putHeader("Link", OpenDataMeta.linkHeader(status.installation()))
              .putHeader("X-License", status.installation().license())
              .putHeader("Content-Disposition", "inline; filename=\""
                  + c.device() + "_" + c.channel() + (csv ? ".csv" : ".json") + "\"");
          if (csv) {
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8; header=present");
            Responses.end(ctx,
                HistoryExport.csv(status.installation(), req, points, truncated, generated));
          } else {
            send(ctx, HistoryExport.json(status.installation(), req, points, truncated,
                generated));
          }
        });
  }

  private void send(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Link", OpenDataMeta.linkHeader(status.installation()));
    Responses.json(ctx, body);
  }

  private Map<String, ChannelInfo> channelsByKey() {
    Map<String, ChannelInfo> map = new java.util.HashMap<>();
    view.channels().forEach(c -> map.put(c.key(), c));
    return map;
  }

  private static Double finite(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
