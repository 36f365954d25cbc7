package org.streetsense.gateway.hardware.pi4j;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Pi4J IO ids, unique for the life of the JVM. Pi4J 2.x refuses an id that was used before in the
 * same context, even after the IO was shut down (pi4j-v2 #40, #440), so a pin reopened after a
 * driver restart needs a fresh id.
 */
final class Pi4jIds {

  private static final AtomicLong NEXT = new AtomicLong();

  private Pi4jIds() {}

  /** For example {@code streetsense-din-17-3}. */
  static String next(String kind, String resource) {
    return "streetsense-" + kind + "-" + resource + "-" + NEXT.incrementAndGet();
  }
}
