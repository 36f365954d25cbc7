package org.streetsense.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds ports on the loopback interface for servers started by tests: free for TCP and for UDP
 * (OSC listeners and receivers bind UDP, and a port the kernel handed out as free for TCP may be
 * some socket's UDP port), and below the kernel's ephemeral range
 * ({@code /proc/sys/net/ipv4/ip_local_port_range}): a port from that range that is free now may be
 * given to an outgoing connection (a subscriber connecting to the broker just started) before the
 * server that was meant to have it binds it. Where the range leaves too little room below it,
 * ports come from the kernel as before.
 */
public final class FreePorts {

  /** Ports tried before giving up. */
  private static final int ATTEMPTS = 50;
  /** Lowest port handed out; the range up to the ephemeral ports' start is used. */
  private static final int LOWEST = 20_000;
  /** Fewer ports than this below the ephemeral range: ask the kernel instead. */
  private static final int MIN_ROOM = 2_000;
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private FreePorts() {}

  /**
   * Returns a port that was free on 127.0.0.1 for both TCP and UDP a moment ago. A small race
   * remains between this call and the server binding it (another test process picking the same
   * port); {@link ServerProcess} retries start-up on a new port.
   */
  public static int next() {
    int below = ephemeralStart();
    boolean room = below - LOWEST >= MIN_ROOM;
    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        int wanted = room ? ThreadLocalRandom.current().nextInt(LOWEST, below) : 0;
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 1);
        port = socket.getLocalPort();
      } catch (IOException busyForTcp) {
        last = busyForTcp;
        continue;
      }
      try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException busyForUdp) {
        last = busyForUdp;
      }
    }
    throw new UncheckedIOException("no port free for both TCP and UDP on loopback in "
        + ATTEMPTS + " attempts", last);
  }

  /** First port of the ephemeral range, or 32768 (Linux's default) where it cannot be read. */
  static int ephemeralStart() {
    try {
      // procfs reports a size of 0; readString would stop after the first byte
      String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
