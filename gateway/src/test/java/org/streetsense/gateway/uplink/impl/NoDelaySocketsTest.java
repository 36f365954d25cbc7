package org.streetsense.gateway.uplink.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {

  @Test
  void plainTcpSocketsHaveNagleOff() throws Exception {
    SocketFactory f = NoDelaySockets.forUri("tcp://broker:1883", null);
    assertThat(f).isNotInstanceOf(SSLSocketFactory.class);
    try (Socket s = f.createSocket()) {
      assertThat(s.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void tlsSocketsHaveNagleOffAndStayTls() throws Exception {
    SocketFactory f = NoDelaySockets.forUri("ssl://broker:8883",
        (SSLSocketFactory) SSLSocketFactory.getDefault());
    assertThat(f).isInstanceOf(SSLSocketFactory.class);
    try (Socket s = f.createSocket()) {
      assertThat(s.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void sslWithoutOwnTlsOptionsUsesTheJdkDefaultFactory() {
    assertThat(NoDelaySockets.forUri("ssl://broker:8883", null))
        .isInstanceOf(SSLSocketFactory.class);
  }
}
