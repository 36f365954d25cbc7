package org.streetsense.bridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameVectorsTest {

  @Test
  void buildsEveryFrameByteForByte() {
    for (String[] row : Vectors.rows("frames.txt")) {
      Packet packet = new Packet(Packet.PROTOCOL_VERSION, Integer.parseInt(row[1], 16),
          Integer.parseInt(row[2]), Vectors.hex(row[3]));
      assertThat(Hex.format(packet.toBytes())).as("packet %s", row[0]).isEqualTo(row[4]);
      assertThat(Hex.format(packet.toFrame())).as("wire %s", row[0]).isEqualTo(row[5]);
    }
  }

  @Test
  void decodesEveryFrameAndReencodesItsMessageIdentically() {
    List<String[]> rows = Vectors.rows("frames.txt");
    List<Packet> packets = new ArrayList<>();
    List<BoardMessage> messages = new ArrayList<>();
    FrameDecoder decoder = new FrameDecoder((p, m) -> {
      packets.add(p);
      messages.add(m);
    });
    for (String[] row : rows) {
      decoder.feed(Vectors.hex(row[5]));
    }
    assertThat(packets).hasSameSizeAs(rows);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(packets.get(i).seq()).isEqualTo(Integer.parseInt(rows.get(i)[2]));
      assertThat(Hex.format(MessageCodec.toPacket(messages.get(i), packets.get(i).seq())
          .toFrame())).as(rows.get(i)[0]).isEqualTo(rows.get(i)[5]);
    }
    assertThat(decoder.stats().errors()).isZero();
  }

  @Test
  void helloAndReadingVectorsCarryTheDocumentedValues() {
    List<BoardMessage> messages = new ArrayList<>();
    FrameDecoder decoder = FrameDecoder.forMessages(messages::add);
    for (String[] row : Vectors.rows("frames.txt")) {
      if (row[0].equals("hello") || row[0].equals("reading-a0-int")
          || row[0].equals("reading-distance-float")) {
        decoder.feed(Vectors.hex(row[5]));
      }
    }
    assertThat(messages).containsExactly(
        new BoardMessage.Hello(1, 1, 0, 0, "uno-1"),
        BoardMessage.Reading.ofInt(14, Unit.COUNTS, 512),
        BoardMessage.Reading.ofFloat(100, Unit.MILLIMETRE, 1234.5f));
  }

  @Test
  void dropsEveryBadFrameUnderItsNamedError() {
    for (String[] row : Vectors.rows("bad-frames.txt")) {
      List<BoardMessage> messages = new ArrayList<>();
      FrameDecoder decoder = FrameDecoder.forMessages(messages::add);
      decoder.feed(Vectors.hex(row[1]));
      DecoderStats s = decoder.stats();
      long counted = switch (row[2]) {
        case "cobs" -> s.cobsErrors();
        case "crc" -> s.crcErrors();
        case "malformed" -> s.malformed();
        case "oversized" -> s.oversized();
        case "unknown-type" -> s.unknownTypes();
        case "version" -> s.unsupportedVersions();
        default -> throw new IllegalStateException("unknown error kind " + row[2]);
      };
      assertThat(messages).as(row[0]).isEmpty();
      assertThat(counted).as(row[0]).isEqualTo(1);
      assertThat(s.errors()).as(row[0]).isEqualTo(1);
      assertThat(s.resyncs()).as(row[0]).isEqualTo(1);
    }
  }
}
