package org.streetsense.rigs.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of its own with a veth pair to this host's namespace ({@code 10.200.0.1/30}
 * here, {@link #INSIDE_ADDRESS} inside), for running a server behind a link a test can cut.
 * {@link #cut()} takes the inside end of the link down: packets from here are dropped by the
 * veth without a word (no FIN, no RST, no ICMP), the way an LTE link vanishes. {@link #close()}
 * deletes the namespace and the pair. Needs root ({@code ip netns}).
 */
public final class NetworkNamespace implements AutoCloseable {

  /** Address of the host end. */
  public static final String HOST_ADDRESS = "10.200.0.1";
  /** Address of the end inside the namespace. */
  public static final String INSIDE_ADDRESS = "10.200.0.2";

  private final String name;
  private final String hostIf;
  private final String insideIf;

  private NetworkNamespace(String suffix) {
    this.name = "ssfault-" + suffix;
    this.hostIf = "ssfh" + suffix;
    this.insideIf = "ssfi" + suffix;
  }

  /** Creates the namespace and the link, both up. */
  public static NetworkNamespace create() {
    NetworkNamespace ns = new NetworkNamespace(
        Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
    try {
      ns.run("ip", "netns", "add", ns.name);
      ns.run("ip", "link", "add", ns.hostIf, "type", "veth", "peer", "name", ns.insideIf);
      ns.run("ip", "link", "set", ns.insideIf, "netns", ns.name);
      ns.run("ip", "addr", "add", HOST_ADDRESS + "/30", "dev", ns.hostIf);
      ns.run("ip", "link", "set", ns.hostIf, "up");
      ns.inside("ip", "addr", "add", INSIDE_ADDRESS + "/30", "dev", ns.insideIf);
      ns.inside("ip", "link", "set", ns.insideIf, "up");
      ns.inside("ip", "link", "set", "lo", "up");
      return ns;
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
  }

  public String name() {
    return name;
  }

  /** Takes the inside end down: the link goes silent. */
  public void cut() {
    inside("ip", "link", "set", insideIf, "down");
  }

  /** Brings the inside end up again. */
  public void restore() {
    inside("ip", "link", "set", insideIf, "up");
  }

  private void inside(String... cmd) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(cmd));
    run(full.toArray(String[]::new));
  }

  private void run(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
    }
  }

  /** Deletes the namespace (which deletes the pair) and the host end if still there. Never throws. */
  @Override
  public void close() {
    for (String[] cmd : List.of(new String[] {"ip", "netns", "del", name},
        new String[] {"ip", "link", "del", hostIf})) {
      try {
        run(cmd);
      } catch (IllegalStateException e) {
        // already gone
      }
    }
  }
}
