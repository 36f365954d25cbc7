package org.streetsense.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void aPortHandedOutCanBeBoundForTcpAndForUdp() throws Exception {
    for (int i = 0; i < 20; i++) {
      int port = FreePorts.next();
      try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
          DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
        assertThat(tcp.getLocalPort()).isEqualTo(port);
        assertThat(udp.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void portsComeFromBelowTheEphemeralRangeSoNoOutgoingConnectionTakesOne() {
    int ephemeral = FreePorts.ephemeralStart();
    for (int i = 0; i < 20; i++) {
      assertThat(FreePorts.next()).isBetween(20_000, ephemeral - 1);
    }
  }
}
