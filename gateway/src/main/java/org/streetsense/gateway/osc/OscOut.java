package org.streetsense.gateway.osc;

import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCSerializeException;
import com.illposed.osc.transport.OSCPortOut;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/**
 * Sends readings and events to artists' tools over OSC/UDP as they are accepted: a live tap, not
 * a spooled sink (see docs/decisions/0003-osc-live-not-spooled.md). Faulty readings are not sent.
 *
 * <p>{@link #accept} never blocks: packets are handed to one sender thread through a bounded
 * queue; when the queue is full (a target is unreachable and the kernel pushes back), packets are
 * dropped and counted. {@link #sendSnapshot()} sends one bundle of every channel's latest value
 * to targets that asked for bundles.
 */
public final class OscOut implements Consumer<Observation>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OscOut.class);
  private static final int QUEUE = 1024;

  private final List<Target> targets = new ArrayList<>();
  private final Map<String, ChannelRange> ranges;
  private final Map<String, Reading> latest = new ConcurrentHashMap<>();
  private final ExecutorService sender;
  private final java.util.concurrent.Semaphore queued = new java.util.concurrent.Semaphore(QUEUE);
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  private record Target(OscTarget options, OSCPortOut port) {}

  /**
   * @param ranges declared ranges by {@code device/channel}, for normalised targets
   * @throws IOException when a target's socket cannot be opened
   */
  public OscOut(List<OscTarget> targetOptions, Map<String, ChannelRange> ranges) throws IOException {
    this.ranges = Map.copyOf(ranges);
    for (OscTarget t : targetOptions) {
      targets.add(new Target(t, new OSCPortOut(new InetSocketAddress(t.host(), t.port()))));
    }
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread th = new Thread(r, "streetsense-osc-out");
      th.setDaemon(true);
      return th;
    });
  }

  public long sentCount() {
    return sent.sum();
  }

  public long droppedCount() {
    return dropped.sum();
  }

  @Override
  public void accept(Observation o) {
    if (o instanceof Reading r) {
      if (r.quality() == Quality.FAULT || !Double.isFinite(r.value())) {
        return;
      }
      latest.put(r.device() + "/" + r.channel(), r);
    }
    for (Target t : targets) {
      OSCMessage m = message(t.options(), o);
      if (m != null) {
        enqueue(t, m);
      }
    }
  }

  /** Sends a bundle with every channel's latest value to each target that wants bundles. */
  public void sendSnapshot() {
    for (Target t : targets) {
      if (!t.options().bundle() || latest.isEmpty()) {
        continue;
      }
      List<OSCPacket> packets = new ArrayList<>();
      for (Reading r : latest.values()) {
        packets.add(message(t.options(), r));
      }
      enqueue(t, new OSCBundle(packets));
    }
  }

  private OSCMessage message(OscTarget t, Observation o) {
    if (o instanceof Reading r) {
      float value = (float) r.value();
      ChannelRange range = ranges.get(r.device() + "/" + r.channel());
      if (t.normalise() && range != null) {
        value = (float) range.normalise(r.value());
      }
      return new OSCMessage(OscAddresses.reading(t.prefix(), r.device(), r.channel()), List.of(value));
    }
    InteractionEvent e = (InteractionEvent) o;
    return new OSCMessage(OscAddresses.event(t.prefix(), e.device(), e.channel(), e.type()), List.of((float) e.value()));
  }

  private void enqueue(Target t, OSCPacket p) {
    if (!queued.tryAcquire()) {
      dropped.increment();
      return;
    }
    try {
      sender.execute(() -> {
        queued.release();
        send(t, p);
      });
    } catch (RejectedExecutionException e) {
      queued.release();
      dropped.increment();
    }
  }

  private void send(Target t, OSCPacket p) {
    try {
      t.port().send(p);
      sent.increment();
    } catch (IOException | OSCSerializeException e) {
      dropped.increment();
      LOG.debug("OSC to {}:{} failed: {}", t.options().host(), t.options().port(), e.toString());
    }
  }

  @Override
  public void close() {
    sender.shutdown();
    for (Target t : targets) {
      try {
        t.port().close();
      } catch (IOException e) {
        LOG.debug("closing OSC port: {}", e.toString());
      }
    }
  }
}
