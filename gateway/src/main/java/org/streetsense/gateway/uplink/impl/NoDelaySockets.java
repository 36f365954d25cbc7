package org.streetsense.gateway.uplink.impl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that turn Nagle's algorithm off (TCP_NODELAY) on the uplink's socket, which
 * Paho leaves on. With Nagle on, a small PUBLISH (an interaction event) written while an earlier
 * telemetry segment is still unacknowledged waits for that acknowledgement, which the broker's
 * delayed ACK can hold back for tens of milliseconds. Every MQTT packet is flushed whole by Paho,
 * so turning Nagle off sends no more segments than there are packets.
 */
final class NoDelaySockets {

  private NoDelaySockets() {}

  /**
   * The factory for {@code serverUri}: TLS ({@code tls}, or the JDK default when null) for
   * {@code ssl://}, plain TCP for {@code tcp://}; Paho refuses a mismatch.
   */
  static SocketFactory forUri(String serverUri, SSLSocketFactory tls) {
    if (serverUri.startsWith("ssl://")) {
      return tls(tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault());
    }
    return plain();
  }

  /** A plain-TCP factory ({@code tcp://}). */
  static SocketFactory plain() {
    return new Plain(SocketFactory.getDefault());
  }

  /** Wraps a TLS factory ({@code ssl://}); Paho requires an {@link SSLSocketFactory} there. */
  static SSLSocketFactory tls(SSLSocketFactory delegate) {
    return new Tls(delegate);
  }

  private static <S extends Socket> S noDelay(S socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }

  private static final class Plain extends SocketFactory {
    private final SocketFactory delegate;

    Plain(SocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
        int localPort) throws IOException {
      return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
  }

  private static final class Tls extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    Tls(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return noDelay(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
        int localPort) throws IOException {
      return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
