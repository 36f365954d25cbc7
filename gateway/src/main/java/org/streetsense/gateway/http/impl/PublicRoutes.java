package org.streetsense.gateway.http.impl;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Duration;
import org.streetsense.gateway.status.GatewayStatus;

/**
 * Routes under {@code /public/}: read-only (GET and HEAD; OPTIONS is a CORS preflight; anything
 * else 405), rate-limited per client address (429 with {@code Retry-After}), CORS open to every
 * origin for reading.
 */
final class PublicRoutes {

  private final PublicApi api;
  private final AboutPage about;
  private final GatewayStatus status;
  private final TokenBucketLimiter limiter;

  PublicRoutes(PublicApi api, AboutPage about, GatewayStatus status, TokenBucketLimiter limiter) {
    this.api = api;
    this.about = about;
    this.status = status;
    this.limiter = limiter;
  }

  void mount(Router router) {
    router.route("/public/*").handler(this::gate);
    read(router, "/public").handler(ctx -> redirect(ctx, "/public/about"));
    read(router, "/public/").handler(ctx -> redirect(ctx, "/public/about"));
    read(router, "/public/api/current").handler(api::current);
    read(router, "/public/api/aggregates").handler(api::aggregates);
    read(router, "/public/api/history.csv").handler(ctx -> api.history(ctx, true));
    read(router, "/public/api/history.json").handler(ctx -> api.history(ctx, false));
    read(router, "/public/about").handler(this::negotiatedAbout);
    read(router, "/public/about/:lang").handler(this::about);
    router.route("/public/assets/*").handler(StaticHandler.create("web/public")
        .setDefaultContentEncoding("UTF-8"));
  }

  private static io.vertx.ext.web.Route read(Router router, String path) {
    return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
  }

  private void gate(RoutingContext ctx) {
    // on every public answer, errors and 429 included, so browsers can read why
    Responses.cors(ctx.response());
    if (ctx.request().method() == HttpMethod.OPTIONS) {
      preflight(ctx);
      return;
    }
    if (!HttpSurfaceImpl.readOnly(ctx.request().method())) {
      ctx.response().putHeader("Allow", ALLOW);
      Responses.error(ctx, 405, "the public endpoints are read-only: use GET or HEAD", null);
      return;
    }
    Duration wait = limiter.acquire(DashboardAuth.client(ctx));
    if (!wait.isZero()) {
      Responses.tooMany(ctx, wait, "too many requests from your address; slow down");
      return;
    }
    ctx.next();
  }

  /** Methods the public routes answer; OPTIONS only as a CORS preflight. */
  static final String ALLOW = "GET, HEAD, OPTIONS";
  /** How long a browser may cache a preflight answer, in seconds. */
  static final int PREFLIGHT_MAX_AGE = 86_400;
  /** Request headers a preflight may name and get allowed back (a token list, bounded). */
  private static final java.util.regex.Pattern HEADER_LIST =
      java.util.regex.Pattern.compile("[A-Za-z0-9-]+( *, *[A-Za-z0-9-]+)*");

  /**
   * Answers a CORS preflight ({@code OPTIONS}) for reading: 204, any origin, GET and HEAD, the
   * request headers asked for (when they are a plain list of at most 512 characters; otherwise
   * {@code Accept, Accept-Language}), cached a
   * day. Not rate-limited: it reads nothing and costs no more than a 429 would.
   */
  private static void preflight(RoutingContext ctx) {
    String asked = ctx.request().getHeader("Access-Control-Request-Headers");
    var response = ctx.response().setStatusCode(204)
        .putHeader("Allow", ALLOW)
        .putHeader("Access-Control-Allow-Methods", "GET, HEAD")
        .putHeader("Access-Control-Max-Age", Integer.toString(PREFLIGHT_MAX_AGE));
    boolean plain = asked != null && asked.length() <= 512
        && HEADER_LIST.matcher(asked.strip()).matches();
    response.putHeader("Access-Control-Allow-Headers",
        plain ? asked.strip() : "Accept, Accept-Language").end();
  }

  private void negotiatedAbout(RoutingContext ctx) {
    String chosen = AcceptLanguage.choose(ctx.request().getHeader("Accept-Language"),
        status.installation().languages());
    ctx.response().putHeader("Vary", "Accept-Language");
    page(ctx, chosen);
  }

  private void about(RoutingContext ctx) {
    String requested = ctx.pathParam("lang");
    for (String lang : status.installation().languages()) {
      if (lang.equalsIgnoreCase(requested)) {
        page(ctx, lang);
        return;
      }
    }
    throw new BadParameterException("lang", "this page is available in "
        + String.join(", ", status.installation().languages()) + ", not '"
        + TimeParams.shorten(requested) + "'");
  }

  private void page(RoutingContext ctx, String lang) {
    Responses.pagePolicy(ctx.response());
    ctx.response().putHeader("Content-Type", Responses.HTML)
        .putHeader("Content-Language", lang)
        .putHeader("Cache-Control", "no-cache"); // it shows live values
    Responses.end(ctx, about.render(lang));
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader("Location", location).end();
  }
}
