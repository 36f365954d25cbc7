package org.streetsense.gateway.osc;

import com.illposed.osc.MessageSelector;
import com.illposed.osc.OSCBadDataEvent;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCMessageEvent;
import com.illposed.osc.OSCPacketEvent;
import com.illposed.osc.OSCPacketListener;
import com.illposed.osc.transport.OSCPortIn;
import com.illposed.osc.transport.OSCPortInBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.command.Command;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandSource;
import org.streetsense.gateway.command.Operation;
import org.streetsense.gateway.command.RejectReason;
import org.streetsense.gateway.hardware.TimeSource;

/**
 * Turns OSC messages into commands, under the same safety policy as every other source.
 *
 * <p>Address {@code <prefix>/<actuator>/<op>} (the actuator id may have two levels, as in
 * {@code leds/ring}) with op one of set, on, off, pulse, fade, safe;
 * arguments: an optional value (float or int) then an optional duration in milliseconds (int or
 * float). Example: {@code oscsend localhost 9000 /streetsense/led-2/fade ff 1.0 300}. Messages
 * that do not fit, and packets that are not OSC, are counted in the processor's statistics as
 * MALFORMED and otherwise ignored (OSC has no reply channel). Listens on its own thread.
 */
public final class OscIn implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OscIn.class);
  /** Commands from OSC are live gestures: stale ones are worthless. */
  private static final Duration TTL = Duration.ofSeconds(2);

  private final OSCPortIn port;
  private final String prefix;
  private final CommandProcessor processor;
  private final TimeSource time;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param bind local address to listen on (use 127.0.0.1 unless artists' machines are remote)
   * @throws IOException when the UDP port cannot be bound
   */
  public OscIn(InetSocketAddress bind, String prefix, CommandProcessor processor, TimeSource time) throws IOException {
    this.prefix = prefix;
    this.processor = processor;
    this.time = time;
    this.port = new OSCPortInBuilder().setLocalSocketAddress(bind).setRemoteSocketAddress(new InetSocketAddress(0))
        .setPacketListener(new Listener()).build();
    this.port.setResilient(true);
    this.port.setDaemonListener(true);
  }

  public void start() {
    port.startListening();
  }

  private final class Listener implements OSCPacketListener {
    private final com.illposed.osc.OSCPacketDispatcher dispatcher = new com.illposed.osc.OSCPacketDispatcher();

    Listener() {
      dispatcher.setAlwaysDispatchingImmediately(true);
      dispatcher.addListener(new MessageSelector() {
        @Override
        public boolean isInfoRequired() {
          return false;
        }

        @Override
        public boolean matches(OSCMessageEvent e) {
          return true;
        }
      }, e -> onMessage(e.getMessage()));
    }

    @Override
    public void handlePacket(OSCPacketEvent event) {
      dispatcher.handlePacket(event);
    }

    @Override
    public void handleBadData(OSCBadDataEvent event) {
      processor.stats().rejected(RejectReason.MALFORMED);
      LOG.debug("bad OSC packet: {}", event.getException().getMessage());
    }
  }

  void onMessage(OSCMessage m) {
    String address = m.getAddress();
    if (!address.startsWith(prefix + "/")) {
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    String rest = address.substring(prefix.length() + 1);
    int lastSlash = rest.lastIndexOf('/');
    if (lastSlash <= 0) {
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    // The last level is the operation; everything before it is the actuator id, which may itself
    // be two levels for a channel of a PWM chip (leds/ring).
    String actuator = rest.substring(0, lastSlash);
    Operation op = Operation.fromWire(rest.substring(lastSlash + 1)).orElse(null);
    List<Object> args = m.getArguments();
    if (op == null || args.size() > 2 || !args.stream().allMatch(a -> a instanceof Number)) {
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    double value = args.isEmpty() ? Double.NaN : ((Number) args.get(0)).doubleValue();
    Duration duration = args.size() < 2 ? Duration.ZERO : durationOf((Number) args.get(1));
    if (duration == null) {
      processor.stats().rejected(RejectReason.MALFORMED);
      return;
    }
    String id = "osc:" + sequence.incrementAndGet();
    processor.submit(new Command(id, id, actuator, op, value, duration,
        time.wallMillis() + TTL.toMillis(), CommandSource.OSC));
  }

  /**
   * A duration argument in milliseconds as a {@link Duration}, saturating at
   * {@link Long#MAX_VALUE} ms so that no argument overflows (the safety policy then refuses what is
   * longer than its cap); null for NaN and negative values.
   */
  static Duration durationOf(Number ms) {
    if (ms instanceof Float || ms instanceof Double) {
      double d = ms.doubleValue();
      if (Double.isNaN(d) || d < 0) {
        return null;
      }
      return Duration.ofMillis(d >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) d);
    }
    long l = ms.longValue();
    return l < 0 ? null : Duration.ofMillis(l);
  }

  @Override
  public void close() {
    try {
      port.stopListening();
      port.close();
    } catch (IOException e) {
      LOG.debug("closing OSC input: {}", e.toString());
    }
  }
}
