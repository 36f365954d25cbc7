package org.streetsense.bridge.protocol;

import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a byte stream into packets: splits on 0x00, COBS-decodes, checks length and CRC, and
 * decodes the payload. Feed it chunks of any size as they arrive.
 *
 * <p>Garbage never escapes: a bad frame (invalid COBS, wrong CRC, bad length, oversized, unknown
 * type, other version, malformed payload) is counted in {@link #stats()} and dropped, and the
 * decoder resynchronises at the next 0x00. {@link #feed} never throws on bad input. Bytes
 * before the first delimiter after start-up are treated as a (probably partial) frame.
 *
 * <p>Not thread-safe: feed it from one thread (the link's reader thread). The listener runs on
 * the feeding thread. {@link #stats()} may be read from any thread.
 */
public final class FrameDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

  /** Receives each good packet with its decoded message. */
  public interface Listener {
    void onMessage(Packet packet, BoardMessage message);
  }

  private final Listener listener;
  private final byte[] buffer = new byte[Packet.MAX_FRAME];
  private int length;
  private boolean discarding;
  private final Counters counters = new Counters();

  public FrameDecoder(Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Convenience for callers that only want messages. */
  public static FrameDecoder forMessages(Consumer<BoardMessage> consumer) {
    return new FrameDecoder((packet, message) -> consumer.accept(message));
  }

  /** Feeds a chunk of received bytes; good packets are delivered before this returns. */
  public void feed(byte[] chunk) {
    feed(chunk, 0, chunk.length);
  }

  public void feed(byte[] chunk, int offset, int count) {
    for (int i = offset; i < offset + count; i++) {
      byte b = chunk[i];
      if (b == 0) {
        endOfFrame();
      } else if (discarding) {
        synchronized (counters) {
          counters.droppedBytes++;
        }
      } else if (length == buffer.length) {
        synchronized (counters) {
          counters.oversized++;
          counters.droppedBytes += length + 1;
        }
        resync("oversized frame (more than " + Packet.MAX_FRAME + " bytes)");
        discarding = true;
      } else {
        buffer[length++] = b;
      }
    }
  }

  /** A consistent snapshot of the counters. */
  public DecoderStats stats() {
    synchronized (counters) {
      return counters.snapshot();
    }
  }

  private void endOfFrame() {
    if (discarding) {
      discarding = false;
      length = 0;
      return;
    }
    if (length == 0) {
      return;
    }
    int frameLength = length;
    length = 0;
    var raw = Cobs.decode(buffer, 0, frameLength);
    if (raw.isEmpty()) {
      bad(frameLength, "invalid COBS", () -> counters.cobsErrors++);
      return;
    }
    Packet.ParseResult parsed = Packet.parse(raw.get());
    if (parsed.error().isPresent()) {
      Packet.ParseError error = parsed.error().get();
      bad(frameLength, error.name(), error == Packet.ParseError.BAD_CRC
          ? () -> counters.crcErrors++ : () -> counters.malformed++);
      return;
    }
    Packet packet = parsed.packet().get();
    if (packet.version() != Packet.PROTOCOL_VERSION) {
      bad(frameLength, "protocol version " + packet.version(),
          () -> counters.unsupportedVersions++);
      return;
    }
    if (MessageType.fromCode(packet.type()).isEmpty()) {
      bad(frameLength, "unknown type 0x" + Integer.toHexString(packet.type()),
          () -> counters.unknownTypes++);
      return;
    }
    BoardMessage message;
    try {
      message = MessageCodec.decode(packet);
    } catch (ProtocolException e) {
      bad(frameLength, e.getMessage(), () -> counters.malformed++);
      return;
    }
    synchronized (counters) {
      counters.frames++;
    }
    listener.onMessage(packet, message);
  }

  private void bad(int frameLength, String why, Runnable count) {
    synchronized (counters) {
      count.run();
      counters.droppedBytes += frameLength + 1;
    }
    resync(why);
  }

  private void resync(String why) {
    synchronized (counters) {
      counters.resyncs++;
    }
    LOG.debug("dropped frame: {}; resynchronising at next delimiter", why);
  }

  private static final class Counters {
    long frames;
    long resyncs;
    long cobsErrors;
    long crcErrors;
    long malformed;
    long oversized;
    long unknownTypes;
    long unsupportedVersions;
    long droppedBytes;

    DecoderStats snapshot() {
      return new DecoderStats(frames, resyncs, cobsErrors, crcErrors, malformed, oversized,
          unknownTypes, unsupportedVersions, droppedBytes);
    }
  }
}
