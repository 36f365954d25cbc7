package org.streetsense.rigs.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Opens many TCP connections to 127.0.0.1 as fast as a small thread pool can, sends nothing and
 * holds them until {@link #close()}: the idle-connection attack. Bounded in count (at most
 * {@code count}) and time (connecting stops after {@code within}); each connection's source
 * address is chosen by a function (one address, or one per connection from 127.0.0.0/8). Needs
 * a file-descriptor limit above {@code count}.
 */
public final class IdleFlood implements AutoCloseable {

  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger failed = new AtomicInteger();

  private IdleFlood() {}

  /**
   * Opens up to {@code count} idle connections to 127.0.0.1:{@code port}, connection {@code i}
   * from {@code source.apply(i)}; returns when all were tried or {@code within} has passed.
   */
  public static IdleFlood open(int port, int count, IntFunction<String> source, Duration within) {
    IdleFlood flood = new IdleFlood();
    long deadline = System.nanoTime() + within.toNanos();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int t = 0; t < 8; t++) {
        pool.execute(() -> {
          int i;
          while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
            Socket s = new Socket();
            try {
              s.bind(new InetSocketAddress(InetAddress.getByName(source.apply(i)), 0));
              s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
              flood.sockets.add(s);
            } catch (IOException e) {
              flood.failed.incrementAndGet();
              closeQuietly(s);
            }
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(within.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pool.shutdownNow();
    }
    return flood;
  }

  /** Connections that were established (the server may have closed them since). */
  public int opened() {
    return sockets.size();
  }

  /** Connection attempts that failed. */
  public int failed() {
    return failed.get();
  }

  @Override
  public void close() {
    synchronized (sockets) {
      sockets.forEach(IdleFlood::closeQuietly);
      sockets.clear();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
