package org.streetsense.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Finds ports on the loopback interface for servers started by tests: free for TCP and for UDP
 * (OSC listeners and receivers bind UDP, and a port the kernel handed out as free for TCP may be
 * some socket's UDP port).
 */
public final class FreePorts {

  /** Ports tried before giving up. */
  private static final int ATTEMPTS = 50;

  private FreePorts() {}

  /**
   * Returns a port that was free on 127.0.0.1 for both TCP and UDP a moment ago. A small race
   * remains between this call and the server binding it; {@link ServerProcess} retries start-up
   * on a new port.
   */
  public static int next() {
    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        int port = socket.getLocalPort();
        try (java.net.DatagramSocket udp = new java.net.DatagramSocket(port,
            InetAddress.getLoopbackAddress())) {
          return port;
        } catch (java.net.SocketException busyForUdp) {
          last = busyForUdp;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("no free port on loopback", e);
      }
    }
    throw new UncheckedIOException("no port free for both TCP and UDP on loopback in "
        + ATTEMPTS + " attempts", last);
  }
}
