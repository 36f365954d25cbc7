package org.streetsense.gateway.http.impl;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the HTTP server's connections (Vert.x has no such option).
 *
 * <ul>
 *   <li>At most {@code perAddress} connections from one client address: a further one is closed
 *       as soon as it is accepted ({@link #refused}).
 *   <li>At most {@code maxConnections} in all: when full, a new connection takes the place of the
 *       one that has waited longest for a request head (it is closed, {@link #evicted}); when
 *       every open connection is busy with a request, the new one is closed ({@link #refused}).
 *       So idle connections cannot keep real clients out.
 *   <li>A request deadline: the head of a request must arrive within {@code requestTimeout} of
 *       the connection's opening or of the end of the previous response, and its body within
 *       {@code requestTimeout} of its head; a connection that misses it is closed ({@link
 *       #timedOut}; a kept-alive connection that served a request and then sends nothing is
 *       closed quietly, uncounted).
 * </ul>
 *
 * <p>Each of these is counted and logged through {@link ThrottledLog}. Memory: a few small
 * objects per admitted connection; nothing is kept for a refused one. Thread-safe (the state is
 * guarded by this object's lock); Vert.x calls it on the server's event loop.
 */
final class ConnectionGuard {

  /** Per-connection state: the deadline timer and the request being received, if any. */
  private static final class Tracked {
    final String address;
    long timer = -1;
    HttpServerRequest current;
    RoutingContext context;
    int served;
    boolean released;

    Tracked(String address) {
      this.address = address;
    }
  }

  private final Vertx vertx;
  private final int maxConnections;
  private final int perAddress;
  private final long timeoutMillis;
  private final ThrottledLog log;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private final Map<HttpConnection, Tracked> tracked = new HashMap<>();
  /** Admitted connections waiting for a request head, longest waiting first. */
  private final LinkedHashMap<HttpConnection, Tracked> waiting = new LinkedHashMap<>();
  /** Open connections per client address; at most {@code maxConnections} entries. */
  private final Map<String, Integer> byAddress = new HashMap<>();

  ConnectionGuard(Vertx vertx, int maxConnections, int perAddress, Duration requestTimeout,
      ThrottledLog log) {
    this.vertx = vertx;
    this.maxConnections = maxConnections;
    this.perAddress = perAddress;
    this.timeoutMillis = Math.max(1, requestTimeout.toMillis());
    this.log = log;
  }

  /** Server connection handler: admits {@code conn}, or closes it (see the class comment). */
  void opened(HttpConnection conn) {
    String address = conn.remoteAddress() == null ? "unknown" : conn.remoteAddress().hostAddress();
    HttpConnection displaced = null;
    Tracked t;
    synchronized (this) {
      if (byAddress.getOrDefault(address, 0) >= perAddress) {
        refuse(conn, "already " + perAddress + " connections open from " + address);
        return;
      }
      if (tracked.size() >= maxConnections) {
        Iterator<Map.Entry<HttpConnection, Tracked>> oldest = waiting.entrySet().iterator();
        if (!oldest.hasNext()) {
          refuse(conn, "already " + maxConnections + " connections busy (http maxConnections)");
          return;
        }
        displaced = oldest.next().getKey();
        oldest.remove();
        release(displaced);
        evicted.incrementAndGet();
      }
      t = new Tracked(address);
      tracked.put(conn, t);
      waiting.put(conn, t);
      byAddress.merge(address, 1, Integer::sum);
    }
    if (displaced != null) {
      log.client("connection closed", maxConnections + " connections open (http "
          + "maxConnections): the one waiting longest for a request made room");
      displaced.close();
    }
    conn.closeHandler(v -> {
      synchronized (this) {
        release(conn);
      }
    });
    arm(conn, t);
  }

  /** First route of the router: the request's head has arrived. */
  void requestStarted(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    HttpConnection conn = req.connection();
    Tracked t;
    synchronized (this) {
      t = conn == null ? null : tracked.get(conn);
      if (t != null) {
        waiting.remove(conn);
        t.current = req;
        t.context = ctx;
      }
    }
    if (t != null) {
      arm(conn, t);
      ctx.addEndHandler(done -> {
        synchronized (this) {
          if (t.current != req || t.released) {
            return;
          }
          t.current = null;
          t.context = null;
          t.served++;
          waiting.put(conn, t);
        }
        arm(conn, t);
      });
    }
    ctx.next();
  }

  /** Key of the routing context's mark: the guard closed its connection for a missed deadline. */
  private static final String TIMED_OUT = "streetsense.connectionTimedOut";

  /** Whether this guard closed {@code ctx}'s connection because its body missed the deadline. */
  static boolean closedForTimeout(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(TIMED_OUT));
  }

  /** Connections open now. */
  synchronized int open() {
    return tracked.size();
  }

  /** Connections closed at once: too many from their address, or every slot busy. */
  long refused() {
    return refused.get();
  }

  /** Idle connections closed to make room for a new one. */
  long evicted() {
    return evicted.get();
  }

  /** Connections closed because a request's head or body missed its deadline. */
  long timedOut() {
    return timedOut.get();
  }

  private void refuse(HttpConnection conn, String why) {
    refused.incrementAndGet();
    log.client("connection refused", why);
    conn.close();
  }

  /** Forgets {@code conn} (once); caller holds the lock. */
  private void release(HttpConnection conn) {
    Tracked t = tracked.remove(conn);
    waiting.remove(conn);
    if (t == null || t.released) {
      return;
    }
    t.released = true;
    byAddress.computeIfPresent(t.address, (a, n) -> n <= 1 ? null : n - 1);
    if (t.timer >= 0) {
      vertx.cancelTimer(t.timer);
      t.timer = -1;
    }
  }

  private void arm(HttpConnection conn, Tracked t) {
    synchronized (this) {
      if (t.released) {
        return;
      }
      if (t.timer >= 0) {
        vertx.cancelTimer(t.timer);
      }
      t.timer = vertx.setTimer(timeoutMillis, id -> expire(conn, t));
    }
  }

  private void expire(HttpConnection conn, Tracked t) {
    HttpServerRequest req;
    RoutingContext ctx;
    boolean keptAlive;
    synchronized (this) {
      t.timer = -1;
      if (t.released) {
        return;
      }
      req = t.current;
      ctx = t.context;
      if (req != null && bodyComplete(req)) {
        return; // being answered; the end of the response re-arms
      }
      keptAlive = req == null && t.served > 0;
      release(conn);
    }
    if (keptAlive) {
      conn.close(); // an ordinary idle keep-alive connection: closed quietly
      return;
    }
    timedOut.incrementAndGet();
    if (ctx != null) {
      ctx.put(TIMED_OUT, Boolean.TRUE);
    }
    log.client("connection timed out", (req == null
        ? "no request head within " + timeoutMillis + " ms"
        : "request body not complete within " + timeoutMillis + " ms of its head")
        + " from " + t.address + "; closed by the server");
    conn.close();
  }

  private static boolean bodyComplete(HttpServerRequest req) {
    if (req.isEnded()) {
      return true;
    }
    String length = req.getHeader("Content-Length");
    return req.getHeader("Transfer-Encoding") == null && (length == null || length.equals("0"));
  }
}
