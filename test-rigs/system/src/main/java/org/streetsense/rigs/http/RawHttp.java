package org.streetsense.rigs.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for attack tests: any bytes (malformed, half-sent, oversized),
 * from any local source address ({@code 127.x.y.z}: Linux accepts the whole 127.0.0.0/8 range
 * as local, so one test can be ten thousand clients). Blocking; test threads only.
 */
public final class RawHttp {

  private RawHttp() {}

  /** A parsed response: status, headers (names lower case, last value wins) and body text. */
  public record Response(int status, Map<String, String> headers, String body, String raw) {

    /** The header's value, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A socket from {@code source} (an address such as {@code 127.2.0.1}) to 127.0.0.1:port. */
  public static Socket connect(String source, int port, Duration readTimeout) {
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      s.setSoTimeout((int) readTimeout.toMillis());
      return s;
    } catch (IOException e) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw new UncheckedIOException("cannot connect from " + source + " to port " + port, e);
    }
  }

  /**
   * Sends {@code request} (which should ask for {@code Connection: close}) from {@code source}
   * and reads until the server closes, at most 10 s of silence.
   */
  public static Response exchange(String source, int port, String request) {
    return exchange(source, port, request.getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #exchange(String, int, String)} with raw bytes. */
  public static Response exchange(String source, int port, byte[] request) {
    try (Socket s = connect(source, port, Duration.ofSeconds(10))) {
      try {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
      } catch (IOException e) {
        // the server may answer and close before taking everything (413); read what it said
      }
      return parse(readToEnd(s.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException("exchange from " + source + " failed", e);
    }
  }

  /** A {@code GET} with {@code Connection: close} and optional extra header lines. */
  public static Response get(String source, int port, String path, String... headerLines) {
    StringBuilder r = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
    for (String h : headerLines) {
      r.append(h).append("\r\n");
    }
    return exchange(source, port, r.append("\r\n").toString());
  }

  /** A form {@code POST} ({@code application/x-www-form-urlencoded}) with a content length. */
  public static Response postForm(String source, int port, String path, String form) {
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    return exchange(source, port, ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n" + form));
  }

  /**
   * Whether the server closes {@code socket} (end of stream or reset) before {@code within}
   * passes without it; whatever arrives before is skipped.
   */
  public static boolean closedByServer(Socket socket, Duration within) {
    try {
      socket.setSoTimeout((int) within.toMillis());
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) {
        // skip any answer (such as 408) and wait for the close
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      if (out.size() == 0) {
        throw e;
      }
    }
    return out.toByteArray();
  }

  /** Parses a complete HTTP/1.x response; status -1 if it is not one. */
  public static Response parse(byte[] bytes) {
    String raw = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/") || end < 0) {
      return new Response(-1, Map.of(), "", raw);
    }
    String[] lines = raw.substring(0, end).split("\r\n");
    String[] status = lines[0].split(" ", 3);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    String body = new String(bytes, end + 4, bytes.length - end - 4, StandardCharsets.UTF_8);
    return new Response(Integer.parseInt(status[1]), headers, body, raw);
  }
}
