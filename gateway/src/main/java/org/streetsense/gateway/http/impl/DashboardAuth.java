package org.streetsense.gateway.http.impl;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.streetsense.gateway.http.HttpSurfaceOptions;
import org.streetsense.gateway.status.InstallationInfo;

/**
 * Token authentication of the dashboard: a login form that exchanges the token for an HttpOnly,
 * SameSite=Strict session cookie, or {@code Authorization: Bearer <token>} on each request. Failed
 * attempts (form or bearer) are throttled per client address. The token is compared in constant
 * time and never logged or echoed.
 */
final class DashboardAuth {

  static final String COOKIE = "streetsense_session";

  private final Supplier<char[]> token;
  private final LoginThrottle throttle;
  private final SessionStore sessions;
  private final boolean secureCookies;
  private final Supplier<InstallationInfo> installation;

  /** @param installation the installation the login page names; must not block */
  DashboardAuth(HttpSurfaceOptions options, LoginThrottle throttle, SessionStore sessions,
      Supplier<InstallationInfo> installation) {
    this.installation = installation;
    this.token = options.token();
    this.throttle = throttle;
    this.sessions = sessions;
    this.secureCookies = options.secureCookies();
  }

  /** Result of checking a request's credentials. */
  enum Outcome { GRANTED, MISSING, REJECTED, THROTTLED }

  /**
   * Checks the session cookie, then a bearer token. A wrong bearer token counts as a failed
   * login; a throttled address is refused even with the right one.
   */
  Outcome check(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie != null && sessions.valid(cookie.getValue())) {
      return Outcome.GRANTED;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Outcome.MISSING;
    }
    String client = client(ctx);
    if (!throttle.retryAfter(client).isZero()) {
      return Outcome.THROTTLED;
    }
    if (matches(header.substring(7).strip().toCharArray())) {
      throttle.success(client);
      return Outcome.GRANTED;
    }
    throttle.failure(client);
    return Outcome.REJECTED;
  }

  /** Whether {@code ctx} carries a live session cookie (as opposed to a bearer token). */
  boolean bySessionCookie(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return cookie != null && sessions.valid(cookie.getValue());
  }

  /** How long {@code ctx}'s client must wait before trying again; zero if it may. */
  Duration retryAfter(RoutingContext ctx) {
    return throttle.retryAfter(client(ctx));
  }

  /**
   * Handles a posted login form: on the right token opens a session and redirects to the
   * dashboard; otherwise answers 401, or 429 with {@code Retry-After} when throttled.
   */
  void login(RoutingContext ctx) {
    String client = client(ctx);
    Duration wait = throttle.retryAfter(client);
    if (!wait.isZero()) {
      throttled(ctx, wait);
      return;
    }
    String presented = ctx.request().getFormAttribute("token");
    if (presented != null && matches(presented.strip().toCharArray())) {
      throttle.success(client);
      String id = sessions.open();
      ctx.response().addCookie(Cookie.cookie(COOKIE, id).setPath("/").setHttpOnly(true)
          .setSameSite(CookieSameSite.STRICT).setSecure(secureCookies)
          .setMaxAge(sessions.ttl().toSeconds()));
      ctx.response().setStatusCode(303).putHeader("Location", "/dash/").end();
      return;
    }
    Duration lock = throttle.failure(client);
    if (!lock.isZero()) {
      throttled(ctx, lock);
      return;
    }
    page(ctx, 401, LoginPage.render(installation.get(), "That token is not right. Check it and try again."));
  }

  /** Ends the session, clears the cookie and redirects to the login form. */
  void logout(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie != null) {
      sessions.close(cookie.getValue());
    }
    ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setMaxAge(0));
    ctx.response().setStatusCode(303).putHeader("Location", "/dash/login").end();
  }

  private void throttled(RoutingContext ctx, Duration wait) {
    long seconds = Responses.retryAfterSeconds(wait);
    ctx.response().putHeader("Retry-After", Long.toString(seconds));
    page(ctx, 429, LoginPage.render(installation.get(), String.format(Locale.ROOT,
        "Too many failed attempts from your address. Try again in %d s.", seconds)));
  }

  private static void page(RoutingContext ctx, int status, String html) {
    HttpServerResponse response = ctx.response();
    Responses.pagePolicy(response);
    response.setStatusCode(status).putHeader("Content-Type", Responses.HTML)
        .putHeader("Cache-Control", "no-store").end(html);
  }

  private boolean matches(char[] presented) {
    char[] expected = token.get();
    try {
      return ConstantTime.tokenMatches(presented, expected);
    } finally {
      Arrays.fill(expected, '\0');
      Arrays.fill(presented, '\0');
    }
  }

  static String client(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown"
        : ctx.request().remoteAddress().hostAddress();
  }
}
