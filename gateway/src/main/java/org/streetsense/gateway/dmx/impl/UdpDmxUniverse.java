package org.streetsense.gateway.dmx.impl;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.dmx.DmxProtocol;
import org.streetsense.gateway.dmx.DmxUniverse;
import org.streetsense.gateway.dmx.DmxUniverseOptions;

/**
 * A {@link DmxUniverse} over UDP. One sender thread per universe ticks at the frame rate; a tick
 * sends the frame if it changed, during the three frames after a change (E1.31 6.6.1: three
 * packets of unchanged data before the rate drops), or when the keep-alive is due. A send error
 * is logged once per kind and the next tick tries again: a missing route must not stop the frame
 * from reaching the receiver when it comes back.
 *
 * <p>The sACN CID is derived from the universe id, so a restarted gateway is the same source to
 * receivers (no second source to merge with while the first one times out). Because of that, a
 * new process opens its sACN stream with the first frame sent four times, with sequence numbers
 * {@link #OPENING_STEP} apart around the ring (0, 64, 128, 192), and goes on from the last: an
 * E1.31 receiver drops a packet whose sequence is 0..19 below the last one heard from the source
 * (E1.31 6.7.2), and at most one of the four falls in that window whatever sequence a killed
 * process last sent, so the first frame (the safe look) always gets through (decision 0360).
 */
public final class UdpDmxUniverse implements DmxUniverse {

  private static final Logger LOG = LoggerFactory.getLogger(UdpDmxUniverse.class);
  private static final int REPEATS_AFTER_CHANGE = 3;
  /** Spacing of the opening packets' sequence numbers: four around the 256 ring. */
  static final int OPENING_STEP = 64;

  private final DmxUniverseOptions options;
  private final DatagramSocket socket;
  private final InetSocketAddress target;
  private final ScheduledExecutorService sender;
  private final byte[] cid;
  private final String sourceName;
  private final byte[] frame = new byte[512];
  private final byte[] sending = new byte[512];
  /** What a blackout stop sends: 0 except the channels fixtures keep ({@link #keepInBlackout}). */
  private final byte[] blackout = new byte[512];
  private final byte[] packet = new byte[Math.max(ArtDmxPacket.SIZE, E131Packet.SIZE)];
  private boolean changed = true;
  private int repeats;
  private long lastSentNanos;
  private int sequence;
  private boolean opened;
  private long sent;
  private boolean closed;
  private String lastError = "";

  public UdpDmxUniverse(DmxUniverseOptions options) throws IOException {
    this.options = options;
    this.target = new InetSocketAddress(InetAddress.getByName(options.targetAddress()), options.port());
    this.socket = new DatagramSocket();
    if (options.destination() == DmxUniverseOptions.Destination.BROADCAST) {
      socket.setBroadcast(true);
    }
    this.cid = uuidBytes(UUID.nameUUIDFromBytes(("streetsense-dmx:" + options.id())
        .getBytes(StandardCharsets.UTF_8)));
    this.sourceName = "Streetsense " + options.id();
    this.sequence = options.protocol() == DmxProtocol.ARTNET ? 0 : -1;
    this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "streetsense-dmx-" + options.id());
      t.setDaemon(true);
      return t;
    });
    long period = 1_000_000_000L / options.fps();
    sender.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public DmxUniverseOptions options() {
    return options;
  }

  @Override
  public synchronized void write(int address, int[] values) {
    if (address < 1 || address + values.length - 1 > 512) {
      throw new IllegalArgumentException("channels " + address + ".." + (address + values.length - 1)
          + " are outside 1..512");
    }
    for (int i = 0; i < values.length; i++) {
      int v = values[i];
      if (v < 0 || v > 255) {
        throw new IllegalArgumentException("channel " + (address + i) + ": value must be 0..255, was " + v);
      }
      byte b = (byte) v;
      if (frame[address - 1 + i] != b) {
        frame[address - 1 + i] = b;
        changed = true;
      }
    }
  }

  @Override
  public synchronized void keepInBlackout(int address, int[] values) {
    if (address < 1 || address + values.length - 1 > 512) {
      throw new IllegalArgumentException("channels " + address + ".." + (address + values.length - 1)
          + " are outside 1..512");
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 255) {
        throw new IllegalArgumentException("channel " + (address + i) + ": value must be 0..255, was "
            + values[i]);
      }
      blackout[address - 1 + i] = (byte) values[i];
    }
  }

  @Override
  public synchronized int value(int address) {
    return frame[address - 1] & 0xff;
  }

  @Override
  public synchronized long packetsSent() {
    return sent;
  }

  @Override
  public void flush() {
    try {
      sender.submit(() -> {
        synchronized (this) {
          send(frame, 0);
        }
      }).get(2, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("dmx {}: flush after close ignored", options.id());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("dmx {}: flush failed: {}", options.id(), e.toString());
    }
  }

  private synchronized void tick() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (changed) {
      changed = false;
      repeats = REPEATS_AFTER_CHANGE;
    } else if (repeats > 0) {
      repeats--;
    } else if (now - lastSentNanos < options.keepAlive().toNanos()) {
      return;
    }
    send(frame, 0);
  }

  /** Sends {@code slots} as the next packet; on the sender thread, holding the lock. */
  private void send(byte[] slots, int sacnOptions) {
    System.arraycopy(slots, 0, sending, 0, 512);
    int length;
    if (options.protocol() == DmxProtocol.ARTNET) {
      sequence = ArtDmxPacket.next(sequence);
      ArtDmxPacket.encode(packet, sequence, options.universe(), sending);
      length = ArtDmxPacket.SIZE;
    } else {
      sequence = (sequence + 1) & 0xff;
      if (!opened) {
        opened = true;
        for (int k = 1; k < 256 / OPENING_STEP; k++) {
          E131Packet.encode(packet, cid, sourceName, options.priority(), sequence, sacnOptions,
              options.universe(), sending);
          transmit(E131Packet.SIZE);
          sequence = (sequence + OPENING_STEP) & 0xff;
        }
      }
      E131Packet.encode(packet, cid, sourceName, options.priority(), sequence, sacnOptions,
          options.universe(), sending);
      length = E131Packet.SIZE;
    }
    transmit(length);
  }

  /** Sends the first {@code length} bytes of {@link #packet}; on the sender thread, holding the lock. */
  private void transmit(int length) {
    lastSentNanos = System.nanoTime();
    try {
      socket.send(new DatagramPacket(packet, length, target));
      sent++;
      lastError = "";
    } catch (IOException e) {
      String error = String.valueOf(e.getMessage());
      if (!error.equals(lastError)) {
        LOG.warn("dmx {}: cannot send to {}: {} (retrying every frame)", options.id(), target, error);
        lastError = error;
      }
    }
  }

  @Override
  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      byte[] last = options.onStop() == DmxUniverseOptions.OnStop.BLACKOUT ? blackout : frame;
      for (int i = 0; i < REPEATS_AFTER_CHANGE; i++) {
        send(last, 0);
      }
      if (options.protocol() == DmxProtocol.SACN) {
        for (int i = 0; i < 3; i++) {
          send(last, E131Packet.STREAM_TERMINATED);
        }
      }
      socket.close();
    }
  }

  private static byte[] uuidBytes(UUID u) {
    return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits()).array();
  }
}
