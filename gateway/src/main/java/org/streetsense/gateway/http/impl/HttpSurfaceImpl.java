package org.streetsense.gateway.http.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
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
  private final ThrottledLog clientLog;
  private final ConnectionGuard connections;
  private final CommandRoute commandRoute;
  private volatile HttpServer server;

  public HttpSurfaceImpl(Vertx vertx, HttpSurfaceOptions options, GatewayStatus status,
      HistorySource history, GatewayMetrics metrics) {
    this(vertx, options, status, history, metrics, null);
  }

  /**
   * @param commands the command processor behind {@code /dash/api/actuators}; null for a surface
   *     without actuator tests (those routes then answer 404)
   */
  public HttpSurfaceImpl(Vertx vertx, HttpSurfaceOptions options, GatewayStatus status,
      HistorySource history, GatewayMetrics metrics, CommandProcessor commands) {
    this.vertx = vertx;
    this.options = options;
    this.status = status;
    Supplier<Instant> now = Instant::now;
    LoginThrottle throttle = new LoginThrottle(options.loginThrottle(), System::nanoTime,
        options.maxTrackedClients());
    SessionStore sessions = new SessionStore(options.sessionTtl(), System::nanoTime, 1000);
    this.auth = new DashboardAuth(options, throttle, sessions, status::installation);
    this.health = new HealthCheck(status, options.health());
    this.dashboardApi = new DashboardApi(vertx, status, history, health, now);
    this.stream = new ObservationStream(vertx, dashboardApi, options.observationAddress(),
        options.statusPushInterval(), options.streamHeartbeat());
    this.clientLog = new ThrottledLog(LOG::warn, LOG_INTERVAL, System::nanoTime);
    PublicView view = new PublicView(status);
    this.publicRoutes = new PublicRoutes(
        new PublicApi(vertx, status, view, history, options, now, clientLog),
        new AboutPage(status, view),
        status, new TokenBucketLimiter(options.publicRateLimit(), System::nanoTime,
            options.maxTrackedClients()));
    this.metricsRoute = new MetricsRoute(vertx, metrics, options.metricsAccess(), auth);
    this.commandRoute = commands == null ? null
        : new CommandRoute(commands, auth, TimeSource.system());
    this.connections = new ConnectionGuard(vertx, options.maxConnections(),
        options.maxConnectionsPerAddress(), options.requestTimeout(), clientLog);
    if (metrics != null) {
      metrics.total("http.connections.refused", "HTTP connections closed at once: too many "
          + "from their address, or every slot busy", connections::refused);
      metrics.total("http.connections.evicted", "idle HTTP connections closed to make room for "
          + "a new one", connections::evicted);
      metrics.total("http.connections.timed.out", "HTTP connections closed because a request "
          + "head or body missed its deadline", connections::timedOut);
      metrics.gauge("http.connections.open", "HTTP connections open now", connections,
          ConnectionGuard::open);
    }
  }

  /** At most one log line per kind of client-caused event in this interval. */
  static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  /** Longest request line (method, path, query, version). */
  static final int MAX_INITIAL_LINE = 4096;
  /** Most bytes of all headers of one request. */
  static final int MAX_HEADER_SIZE = 8192;
  /** Largest body the login form takes; larger is answered 413. */
  static final int MAX_LOGIN_BODY = 4096;

  /**
   * Server options: HTTP/1.1 only (no cleartext HTTP/2, decision 0262), small per-connection
   * buffers, bounded request line, headers and form, idle connections closed.
   */
  static HttpServerOptions serverOptions(HttpSurfaceOptions options) {
    return new HttpServerOptions()
        .setHost(options.host()).setPort(options.port()).setCompressionSupported(true)
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout((int) options.idleTimeout().toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxInitialLineLength(MAX_INITIAL_LINE)
        .setMaxHeaderSize(MAX_HEADER_SIZE)
        .setDecoderInitialBufferSize(512)
        .setMaxChunkSize(4096)
        .setMaxFormAttributeSize(MAX_LOGIN_BODY)
        .setMaxFormFields(MAX_LOGIN_FIELDS)
        .setMaxFormBufferedBytes(MAX_LOGIN_BODY)
        .setReceiveBufferSize(16 * 1024)
        .setSendBufferSize(64 * 1024)
        .setAcceptBacklog(1024);
  }

  @Override
  public Future<Integer> start() {
    Router router = router();
    HttpServer created = vertx.createHttpServer(serverOptions(options));
    created.connectionHandler(connections::opened);
    created.invalidRequestHandler(this::invalidRequest);
    return created.requestHandler(req -> {
      BadParameterException bad = UrlEncoding.check(req.uri());
      if (bad == null) {
        router.handle(req);
      } else {
        malformedTarget(req, bad);
      }
    }).listen().map(s -> {
      server = s;
      LOG.info("HTTP surfaces listening on {}:{}", options.host(), s.actualPort());
      return s.actualPort();
    });
  }

  /**
   * A request whose head Netty could not read (request line over 4 KB: 414, headers over 8 KB:
   * 431, otherwise 400): answered like Vert.x's default handler, but with the security and CORS
   * headers (the path is unknown for a 414, so every such answer carries CORS) and a JSON body,
   * then the connection is closed. Netty gives a request line it could not read the version
   * HTTP/1.0, so a 414's status line reads {@code HTTP/1.0 414}.
   */
  private void invalidRequest(HttpServerRequest req) {
    Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
    int code = cause instanceof io.netty.handler.codec.http.TooLongHttpLineException ? 414
        : cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException ? 431 : 400;
    String why = switch (code) {
      case 414 -> "the request line is too long (at most " + MAX_INITIAL_LINE + " bytes)";
      case 431 -> "the request headers are too large (at most " + MAX_HEADER_SIZE + " bytes)";
      default -> "the request could not be read";
    };
    clientLog.client("invalid request", code + " from " + remote(req) + ": " + why);
    io.vertx.core.http.HttpServerResponse response = req.response();
    Responses.securityHeaders(response);
    Responses.cors(response);
    response.putHeader("Connection", "close");
    Responses.error(response, code, why, null);
    if (req.connection() != null) {
      req.connection().close();
    }
  }

  /** A request target with a malformed percent escape: 400 before any route decodes it. */
  private void malformedTarget(HttpServerRequest req, BadParameterException bad) {
    clientLog.client("client error", "400 for " + req.method() + " "
        + TimeParams.shorten(req.path()) + " from " + remote(req) + ": " + bad.getMessage());
    io.vertx.core.http.HttpServerResponse response = req.response();
    Responses.securityHeaders(response);
    String path = req.path();
    if (path != null && (path.equals("/public") || path.startsWith("/public/"))) {
      Responses.cors(response);
    }
    Responses.error(response, 400, bad.getMessage(), bad.parameter());
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
    router.route().handler(connections::requestStarted);
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
    router.route().failureHandler(this::failure);
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
          .putHeader("Cache-Control", "no-store").end(LoginPage.render(status.installation(), null));
    });
    router.post("/dash/login").handler(BodyHandler.create().setBodyLimit(MAX_LOGIN_BODY))
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
    if (commandRoute != null) {
      commandRoute.mount(router);
    }
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

  /**
   * Answers a failed request without a stack trace: the client's mistakes are 4xx and logged
   * (without trace) through {@link ThrottledLog}; only an unexpected failure is a 500 with its
   * trace, bounded the same way.
   */
  private void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof BadParameterException bad) {
      Responses.error(ctx, 400, bad.getMessage(), bad.parameter());
    } else if (failure instanceof HistoryRequest.UnknownChannelException unknown) {
      Responses.error(ctx, 404, unknown.getMessage(), "channel");
    } else if (failure instanceof HttpException http) {
      int code = http.getStatusCode();
      if (code >= 500) {
        clientLog.internal("request failed", describe(ctx), failure);
      } else {
        clientLog.client("client error", code + " for " + describe(ctx));
      }
      Responses.error(ctx, code, message(code), null);
    } else if (failure instanceof io.vertx.core.http.HttpClosedException) {
      if (!ConnectionGuard.closedForTimeout(ctx)) {
        // the client closed the connection mid-request: nobody to answer. (When the guard
        // closed it for a missed deadline, the guard has logged "connection timed out".)
        clientLog.client("client error", "connection closed by the client during "
            + describe(ctx));
      }
    } else if (failure != null && unreadableRequest(failure)) {
      int code = tooLarge(failure) ? 413 : 400;
      clientLog.client("client error", code + " for " + describe(ctx) + ": "
          + whatWasWrong(failure));
      ctx.response().putHeader("Connection", "close");
      Responses.error(ctx, code, tooManyFields(failure) ? TOO_MANY_FIELDS : message(code), null);
      if (ctx.request().connection() != null) {
        ctx.request().connection().close();
      }
    } else if (failure != null) {
      clientLog.internal("request failed", describe(ctx), failure);
      Responses.error(ctx, 500, "internal error", null);
    } else {
      int code = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
      if (code == 405) {
        ctx.response().putHeader("Allow", "GET, HEAD");
      }
      if (code == 413 || code == 400) {
        clientLog.client("client error", code + " for " + describe(ctx));
      }
      Responses.error(ctx, code, message(code), null);
    }
  }

  private static String message(int code) {
    return switch (code) {
      case 400 -> "the request could not be read";
      case 404 -> "not found";
      case 413 -> "the request body is too large (at most " + MAX_LOGIN_BODY + " bytes)";
      default -> "request failed";
    };
  }

  /** Most fields of the login form; more is answered 413 with {@link #TOO_MANY_FIELDS}. */
  static final int MAX_LOGIN_FIELDS = 16;
  static final String TOO_MANY_FIELDS = "the form has too many fields (at most "
      + MAX_LOGIN_FIELDS + ")";

  /**
   * A failure of reading the request itself (its body, chunks or form), which the client caused:
   * I/O and decoder failures, Netty's form decoder, and a chunk size that is not a number or
   * overflows ({@link NumberFormatException} from Netty's HTTP decoder).
   */
  private static boolean unreadableRequest(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException || t instanceof io.netty.handler.codec.DecoderException
          || t instanceof NumberFormatException
          || t.getClass().getName().startsWith("io.netty.handler.codec.http.multipart.")) {
        return true;
      }
    }
    return false;
  }

  /** Netty's form decoder refused more than {@link #MAX_LOGIN_FIELDS} fields. */
  private static boolean tooManyFields(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder
          .TooManyFormFieldsException) {
        return true;
      }
    }
    return false;
  }

  /** For the log: what was wrong with the request, in words (Netty's exceptions often have none). */
  private static String whatWasWrong(Throwable failure) {
    if (tooManyFields(failure)) {
      return "the form has more than " + MAX_LOGIN_FIELDS + " fields";
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder
          .TooLongFormFieldException) {
        return "the form is larger than " + MAX_LOGIN_BODY + " bytes";
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NumberFormatException) {
        return "malformed chunk size (" + TimeParams.shorten(String.valueOf(t.getMessage())) + ")";
      }
    }
    Throwable deepest = failure;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    String m = deepest.getMessage();
    return deepest.getClass().getSimpleName() + (m == null ? "" : ": " + TimeParams.shorten(m));
  }

  private static boolean tooLarge(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder
          .TooLongFormFieldException
          || t instanceof io.netty.handler.codec.http.multipart.HttpPostRequestDecoder
          .TooManyFormFieldsException) {
        return true;
      }
      String m = t.getMessage();
      if (m != null && (m.contains("exceed") || m.contains("too large") || m.contains("too big")
          || m.contains("too many"))) {
        return true;
      }
    }
    return false;
  }

  private static String describe(RoutingContext ctx) {
    return ctx.request().method() + " " + TimeParams.shorten(ctx.request().path()) + " from "
        + remote(ctx.request());
  }

  private static String remote(HttpServerRequest req) {
    return req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
  }

  /** Whether {@code method} is read-only. */
  static boolean readOnly(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD;
  }
}
