package org.streetsense.gateway.http.impl;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.util.Comparator;
import java.util.Locale;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandCodec;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandResult;
import org.streetsense.gateway.command.CommandStatus;
import org.streetsense.gateway.safety.ActuatorLimits;

/**
 * Commands over HTTP, for testing an actuator from the technician's phone: {@code POST
 * /dash/api/actuators/<actuator>/command} with the same JSON as an MQTT command, run by the same
 * {@link CommandProcessor} under the same safety policy (source {@link CommandSource#HTTP}: ids
 * {@code osc:}/{@code reflex:} are refused as reserved, the per-actuator rate applies), answered
 * with the same JSON as the MQTT result topic: the first answer, {@code accepted} or {@code
 * rejected} with its reason (for a repeated id the latest answer of that id, {@code done} or
 * {@code failed} once the command finished). {@code GET /dash/api/actuators} lists what the policy allows each
 * actuator, for the dashboard's buttons.
 *
 * <p>Behind the dashboard token (the guard runs first). Cross-site requests are refused with 403:
 * the body must be {@code application/json}; a request authenticated by the session cookie
 * (SameSite=Strict) must also carry the header {@value #HEADER} and an {@code Origin} whose host
 * and port are the request's {@code Host}; any request that sends an {@code Origin} must match.
 * A plain form or a cross-site script can send neither the header nor a JSON body without a CORS
 * preflight, which this server never grants. Bodies over {@link CommandCodec#MAX_PAYLOAD_BYTES}
 * are answered 413 with an {@code error} sentence by the body handler. A body the codec refuses
 * ({@code malformed}) is answered here only, never published on the result topic: it never
 * reached the processor, which publishes every answer of its own. Handlers run on the event loop; the answer is written on the request's
 * context.
 */
final class CommandRoute {

  /** The header a browser request must carry (any value). */
  static final String HEADER = "X-Streetsense-Request";

  private final CommandProcessor processor;
  private final DashboardAuth auth;
  private final TimeSource time;
  private final CommandCodec codec = new CommandCodec();

  CommandRoute(CommandProcessor processor, DashboardAuth auth, TimeSource time) {
    this.processor = processor;
    this.auth = auth;
    this.time = time;
  }

  /** Adds the routes; call after the dashboard guard and before the static files. */
  void mount(Router router) {
    router.get("/dash/api/actuators").handler(this::list);
    router.postWithRegex("/dash/api/actuators/(?<actuator>.+)/command")
        .handler(BodyHandler.create().setBodyLimit(CommandCodec.MAX_PAYLOAD_BYTES))
        .handler(this::crossSite)
        .handler(this::command);
  }

  private void list(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    processor.actuatorIds().stream().sorted(Comparator.naturalOrder()).forEach(id -> {
      JsonObject a = new JsonObject().put("id", id).put("onOff", processor.onOff(id));
      processor.limitsFor(id).ifPresentOrElse(l -> describe(a, l),
          () -> a.put("operations", new JsonArray().add("safe")));
      list.add(a);
    });
    Responses.json(ctx, new JsonObject().put("actuators", list));
  }

  private static void describe(JsonObject a, ActuatorLimits l) {
    JsonArray ops = new JsonArray();
    l.operations().stream().sorted().map(o -> o.name().toLowerCase(Locale.ROOT))
        .forEach(ops::add);
    a.put("operations", ops).put("min", l.min()).put("max", l.max())
        .put("commandsPerMinute", l.commandsPerMinute());
  }

  private void crossSite(RoutingContext ctx) {
    String refusal = refusal(ctx);
    if (refusal != null) {
      Responses.error(ctx, 403, refusal, null);
    } else {
      ctx.next();
    }
  }

  /** Why {@code ctx} may be a cross-site request; null when it cannot be. */
  private String refusal(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return "a command must be sent as Content-Type: application/json";
    }
    String origin = ctx.request().getHeader("Origin");
    boolean cookie = auth.bySessionCookie(ctx);
    if (cookie && ctx.request().getHeader(HEADER) == null) {
      return "a command from the dashboard must carry the " + HEADER + " header";
    }
    if (cookie && origin == null) {
      return "a command from the dashboard must carry an Origin header";
    }
    if (origin != null && !sameHost(origin, ctx.request().getHeader("Host"))) {
      return "the command's Origin is not this dashboard";
    }
    return null;
  }

  /** Whether {@code origin}'s host and port are those of the {@code Host} header. */
  static boolean sameHost(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI o = URI.create(origin);
      if (o.getHost() == null) {
        return false;
      }
      int port = o.getPort() >= 0 ? o.getPort() : "https".equals(o.getScheme()) ? 443 : 80;
      String h = host.toLowerCase(Locale.ROOT);
      String hostPort = h.matches(".*:[0-9]+") && !h.endsWith("]") ? h : h + ":" + port;
      return hostPort.equals(o.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void command(RoutingContext ctx) {
    String actuator = ctx.pathParam("actuator");
    Buffer body = ctx.body().buffer();
    byte[] payload = body == null ? new byte[0] : body.getBytes();
    CommandCodec.Parsed parsed = codec.parse(payload, actuator, CommandSource.HTTP,
        time.wallMillis());
    if (parsed instanceof CommandCodec.Invalid invalid) {
      processor.stats().rejected(invalid.result().reason());
      answer(ctx, invalid.result());
      return;
    }
    Context context = Vertx.currentContext();
    processor.submit(((CommandCodec.Valid) parsed).command())
        .onComplete(r -> context.runOnContext(v -> {
          if (r.succeeded()) {
            answer(ctx, r.result());
          } else {
            ctx.fail(r.cause());
          }
        }));
  }

  private void answer(RoutingContext ctx, CommandResult r) {
    ctx.response().setStatusCode(status(r)).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(Buffer.buffer(codec.encode(r)));
  }

  /** 200 for accepted; for a refusal the status that fits its reason. */
  static int status(CommandResult r) {
    if (r.status() != CommandStatus.REJECTED) {
      return 200;
    }
    RejectReason reason = r.reason();
    if (reason == null) {
      return 409;
    }
    return switch (reason) {
      case MALFORMED, TOO_LARGE -> 400;
      case UNKNOWN_ACTUATOR -> 404;
      case RATE_LIMITED, OVERLOADED -> 429;
      default -> 409;
    };
  }
}
