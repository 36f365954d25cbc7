package org.streetsense.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds free TCP ports on the loopback interface for servers started by tests. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * Returns a port that was free on 127.0.0.1 a moment ago. A small race remains between this
   * call and the server binding it; {@link ServerProcess} retries start-up on a new port.
   */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on loopback", e);
    }
  }
}
