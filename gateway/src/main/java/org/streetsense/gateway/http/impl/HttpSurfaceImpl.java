package org.streetsense.gateway.http.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.http.HttpSurface;
import org.streetsense.gateway.http.HttpSurfaceOptions;
import org.streetsense.gateway.metrics.GatewayMetrics;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.HistorySource;

/** Wires the routes of every surface onto one Vert.x HTTP server. */
public final class HttpSurfaceImpl implements HttpSurface {

  private static final Logger LOG = LoggerFactory.getLogger(HttpSurfaceImpl.class);

  private final Vertx vertx;
  private final HttpSurfaceOptions options;
  private final GatewayStatus status;
  private final DashboardAuth auth;
  private final HealthCheck health;
  private final ObservationStream stream;
  private final DashboardApi dashboardApi;
  private final PublicRoutes publicRoutes;
  private final MetricsRoute metricsRoute;
  private volatile HttpServer server;

  public HttpSurfaceImpl(Vertx vertx, HttpSurfaceOptions options, GatewayStatus status,
      HistorySource history, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.options = options;
    this.status = status;
    Supplier<Instant> now = Instant::now;
    LoginThrottle throttle = new LoginThrottle(options.loginThrottle(), System::nanoTime,
        options.maxTrackedClients());
    SessionStore sessions = new SessionStore(options.sessionTtl(), System::nanoTime, 1000);
    this.auth = new DashboardAuth(options, throttle, sessions);
    this.health = new HealthCheck(status, options.health());
    this.dashboardApi = new DashboardApi(vertx, status, history, health, now);
    this.stream = new ObservationStream(vertx, dashboardApi, options.observationAddress(),
        options.statusPushInterval(), options.streamHeartbeat());
    PublicView view = new PublicView(status);
    this.publicRoutes = new PublicRoutes(
        new PublicApi(vertx, status, view, history, options, now), new AboutPage(status, view),
        status, new TokenBucketLimiter(options.publicRateLimit(), System::nanoTime,
            options.maxTrackedClients()));
    this.metricsRoute = new MetricsRoute(vertx, metrics, options.metricsAccess(), auth);
  }

  @Override
  public Future<Integer> start() {
    Router router = router();
    HttpServer created = vertx.createHttpServer(new HttpServerOptions()
        .setHost(options.host()).setPort(options.port()).setCompressionSupported(true));
    return created.requestHandler(router).listen().map(s -> {
      server = s;
      LOG.info("HTTP surfaces listening on {}:{}", options.host(), s.actualPort());
      return s.actualPort();
    });
  }

  @Override
  public int actualPort() {
    HttpServer s = server;
    return s == null ? -1 : s.actualPort();
  }

  @Override
  public Future<Void> close() {
    stream.closeAll();
    HttpServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.close();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      Responses.securityHeaders(ctx.response());
      ctx.next();
    });
    router.get("/").handler(ctx -> redirect(ctx, "/public/about"));
    router.get("/health/live").handler(ctx -> Responses.json(ctx,
        new io.vertx.core.json.JsonObject().put("live", true)));
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(metricsRoute::handle);
    dashboard(router);
    publicRoutes.mount(router);
    router.route().failureHandler(HttpSurfaceImpl::failure);
    router.errorHandler(404, ctx -> Responses.error(ctx, 404,
        "nothing at " + TimeParams.shorten(ctx.request().path()), null));
    router.errorHandler(405, ctx -> Responses.error(ctx, 405,
        "method " + ctx.request().method() + " is not allowed here", null));
    router.errorHandler(500, ctx -> Responses.error(ctx, 500, "internal error", null));
    return router;
  }

  private void dashboard(Router router) {
    router.get("/dash").handler(ctx -> {
      if (ctx.request().path().equals("/dash")) {
        redirect(ctx, "/dash/");
      } else {
        ctx.next();
      }
    });
    router.route("/dash/assets/*").handler(StaticHandler.create("web/dash/assets")
        .setDefaultContentEncoding("UTF-8"));
    router.get("/dash/login").handler(ctx -> {
      if (auth.check(ctx) == DashboardAuth.Outcome.GRANTED) {
        redirect(ctx, "/dash/");
        return;
      }
      Responses.pagePolicy(ctx.response());
      ctx.response().putHeader("Content-Type", Responses.HTML)
          .putHeader("Cache-Control", "no-store").end(LoginPage.render(null));
    });
    router.post("/dash/login").handler(BodyHandler.create().setBodyLimit(4096))
        .handler(auth::login);
    router.post("/dash/logout").handler(auth::logout);
    router.route("/dash/*").handler(this::guard);
    router.get("/dash/api/snapshot").handler(ctx -> dashboardApi.snapshot().onComplete(r -> {
      if (r.succeeded()) {
        ctx.response().putHeader("Cache-Control", "no-store");
        Responses.json(ctx, r.result());
      } else {
        ctx.fail(r.cause());
      }
    }));
    router.get("/dash/api/stream").handler(stream::open);
    router.route("/dash/*").handler(StaticHandler.create("web/dash")
        .setDefaultContentEncoding("UTF-8").setCachingEnabled(false));
  }

  private void guard(RoutingContext ctx) {
    boolean api = ctx.request().path().startsWith("/dash/api/");
    switch (auth.check(ctx)) {
      case GRANTED -> {
        Responses.pagePolicy(ctx.response());
        ctx.response().putHeader("Cache-Control", "no-store");
        ctx.next();
      }
      case THROTTLED -> Responses.tooMany(ctx, auth.retryAfter(ctx),
          "too many failed attempts from your address");
      case REJECTED, MISSING -> {
        if (api) {
          ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"streetsense\"");
          Responses.error(ctx, 401, "a dashboard token is required (session cookie or "
              + "Authorization: Bearer)", null);
        } else {
          redirect(ctx, "/dash/login");
        }
      }
    }
  }

  private void health(RoutingContext ctx) {
    HealthReport report = health.evaluate();
    ctx.response().setStatusCode(report.ready() ? 200 : 503)
        .putHeader("Cache-Control", "no-store");
    Responses.json(ctx, report.toJson());
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader("Location", location).end();
  }

  private static void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof BadParameterException bad) {
      Responses.error(ctx, 400, bad.getMessage(), bad.parameter());
    } else if (failure instanceof HistoryRequest.UnknownChannelException unknown) {
      Responses.error(ctx, 404, unknown.getMessage(), "channel");
    } else if (failure instanceof HttpException http) {
      Responses.error(ctx, http.getStatusCode(),
          http.getStatusCode() == 404 ? "not found" : "request failed", null);
    } else if (failure != null) {
      LOG.warn("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      Responses.error(ctx, 500, "internal error", null);
    } else {
      int code = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
      if (code == 405) {
        ctx.response().putHeader("Allow", "GET, HEAD");
      }
      Responses.error(ctx, code, code == 404 ? "not found" : "request failed", null);
    }
  }

  /** Whether {@code method} is read-only. */
  static boolean readOnly(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD;
  }
}
