package org.streetsense.bridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderFuzzTest {

  private static final BoardMessage READING = BoardMessage.Reading.ofInt(14, Unit.COUNTS, 512);

  @Test
  void randomBytesNeverThrowAndNeverYieldAMessage() {
    Random random = new Random(20261127);
    List<BoardMessage> messages = new ArrayList<>();
    FrameDecoder decoder = FrameDecoder.forMessages(messages::add);
    for (int i = 0; i < 20_000; i++) {
      byte[] chunk = new byte[1 + random.nextInt(64)];
      random.nextBytes(chunk);
      decoder.feed(chunk);
    }
    // a random frame passes a 16-bit CRC, a length check and a layout check about never
    assertThat(messages).isEmpty();
    assertThat(decoder.stats().resyncs()).isGreaterThan(1000);
    assertThat(decoder.stats().frames()).isZero();
  }

  @Test
  void goodFramesBetweenGarbageAreAllDeliveredAndGarbageIsCounted() {
    Random random = new Random(7);
    List<BoardMessage> messages = new ArrayList<>();
    FrameDecoder decoder = FrameDecoder.forMessages(messages::add);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    int good = 200;
    for (int i = 0; i < good; i++) {
      byte[] garbage = new byte[random.nextInt(40)];
      random.nextBytes(garbage);
      stream.writeBytes(garbage);
      stream.write(0);
      stream.writeBytes(MessageCodec.toPacket(READING, i).toFrame());
    }
    feedInRandomChunks(decoder, stream.toByteArray(), random);
    assertThat(messages).hasSize(good).containsOnly(READING);
    assertThat(decoder.stats().frames()).isEqualTo(good);
    assertThat(decoder.stats().resyncs()).isPositive();
  }

  @Test
  void truncatedFramesAreDroppedAndTheNextFrameSurvives() {
    List<BoardMessage> messages = new ArrayList<>();
    FrameDecoder decoder = FrameDecoder.forMessages(messages::add);
    byte[] frame = MessageCodec.toPacket(READING, 1).toFrame();
    for (int cut = 1; cut < frame.length - 1; cut++) {
      decoder.feed(java.util.Arrays.copyOf(frame, cut));
      decoder.feed(new byte[] {0});
    }
    assertThat(messages).isEmpty();
    assertThat(decoder.stats().resyncs()).isEqualTo(frame.length - 2);
    decoder.feed(frame);
    assertThat(messages).containsExactly(READING);
  }

  @Test
  void everySingleBitFlipIsRejected() {
    byte[] frame = MessageCodec.toPacket(READING, 3).toFrame();
    List<BoardMessage> messages = new ArrayList<>();
    FrameDecoder decoder = FrameDecoder.forMessages(messages::add);
    for (int i = 0; i < frame.length - 1; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] copy = frame.clone();
        copy[i] ^= (byte) (1 << bit);
        decoder.feed(copy);
        if (copy[i] == 0) {
          decoder.feed(new byte[] {0});
        }
      }
    }
    assertThat(messages).isEmpty();
    assertThat(decoder.stats().crcErrors() + decoder.stats().cobsErrors()
        + decoder.stats().malformed()).isPositive();
  }

  @Test
  void oversizedFramesAreDroppedAndCounted() {
    Random random = new Random(3);
    List<BoardMessage> messages = new ArrayList<>();
    FrameDecoder decoder = FrameDecoder.forMessages(messages::add);
    for (int i = 0; i < 10; i++) {
      byte[] huge = new byte[Packet.MAX_FRAME + 1 + random.nextInt(2000)];
      for (int k = 0; k < huge.length; k++) {
        huge[k] = (byte) (1 + random.nextInt(255));
      }
      decoder.feed(huge);
      decoder.feed(new byte[] {0});
      decoder.feed(MessageCodec.toPacket(READING, i).toFrame());
    }
    assertThat(decoder.stats().oversized()).isEqualTo(10);
    assertThat(messages).hasSize(10);
  }

  @Test
  void frameSplitAtEveryOffsetDecodesOnce() {
    byte[] frame = MessageCodec.toPacket(READING, 9).toFrame();
    for (int split = 0; split <= frame.length; split++) {
      List<BoardMessage> messages = new ArrayList<>();
      FrameDecoder decoder = FrameDecoder.forMessages(messages::add);
      decoder.feed(frame, 0, split);
      decoder.feed(frame, split, frame.length - split);
      assertThat(messages).as("split at %d", split).containsExactly(READING);
    }
  }

  private static void feedInRandomChunks(FrameDecoder decoder, byte[] data, Random random) {
    int pos = 0;
    while (pos < data.length) {
      int n = Math.min(data.length - pos, 1 + random.nextInt(50));
      decoder.feed(data, pos, n);
      pos += n;
    }
  }
}
