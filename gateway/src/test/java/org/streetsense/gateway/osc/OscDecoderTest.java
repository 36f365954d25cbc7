package org.streetsense.gateway.osc;

import static org.assertj.core.api.Assertions.assertThat;

import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import com.illposed.osc.argument.OSCImpulse;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.harness.OscPackets;

class OscDecoderTest {

  private final OscDecoder decoder = new OscDecoder(OscInOptions.defaults());

  private OscDecoder.Result decode(byte[] b) {
    return decoder.decode(b, b.length);
  }

  private List<OSCMessage> messages(byte[] b) {
    OscDecoder.Result r = decode(b);
    assertThat(r).as("decoded: %s", r).isInstanceOf(OscDecoder.Decoded.class);
    return ((OscDecoder.Decoded) r).messages();
  }

  private OscDropReason reason(byte[] b) {
    OscDecoder.Result r = decode(b);
    assertThat(r).as("dropped: %s", r).isInstanceOf(OscDecoder.Dropped.class);
    return ((OscDecoder.Dropped) r).reason();
  }

  @Test
  void decodesAMessageWithEveryCommonArgumentType() {
    byte[] blob = {1, 2, 3};
    List<OSCMessage> m = messages(OscPackets.message("/streetsense/lamp/set", 7, 0.5f, 9L, 2.5,
        "hi", blob, true, false, null));
    assertThat(m).hasSize(1);
    assertThat(m.get(0).getAddress()).isEqualTo("/streetsense/lamp/set");
    List<Object> args = m.get(0).getArguments();
    assertThat(args.subList(0, 5)).containsExactly(7, 0.5f, 9L, 2.5, "hi");
    assertThat((byte[]) args.get(5)).containsExactly(1, 2, 3);
    assertThat(args.subList(6, 9)).containsExactly(true, false, null);
  }

  @Test
  void decodesWhatJavaOscSerializes() throws Exception {
    OSCMessage sent = new OSCMessage("/streetsense/leds/ring/fade",
        List.of(0.8f, 300, "x", OSCImpulse.INSTANCE, new byte[] {9, 8, 7, 6, 5}));
    ByteBuffer buffer = ByteBuffer.allocate(1024);
    new OSCSerializerAndParserBuilder().buildSerializer(new com.illposed.osc.BufferBytesReceiver(buffer))
        .write(sent);
    byte[] wire = java.util.Arrays.copyOf(buffer.array(), buffer.position());

    OSCMessage got = messages(wire).get(0);
    assertThat(got.getAddress()).isEqualTo(sent.getAddress());
    assertThat(got.getArguments().subList(0, 4)).containsExactly(0.8f, 300, "x", OSCImpulse.INSTANCE);
    assertThat((byte[]) got.getArguments().get(4)).containsExactly(9, 8, 7, 6, 5);
  }

  @Test
  void aMessageWithoutTypeTagsHasNoArguments() {
    assertThat(messages(OscPackets.string("/streetsense/fan/on")).get(0).getArguments()).isEmpty();
  }

  @Test
  void flattensNestedBundlesInOrder() {
    byte[] a = OscPackets.message("/a", 1);
    byte[] b = OscPackets.message("/b", 2);
    byte[] c = OscPackets.message("/c", 3);
    List<OSCMessage> m = messages(OscPackets.bundle(a, OscPackets.bundle(b, OscPackets.bundle(c))));
    assertThat(m).extracting(OSCMessage::getAddress).containsExactly("/a", "/b", "/c");
  }

  @Test
  void everyMalformedShapeIsDroppedWithItsReason() {
    for (OscPackets.Shape shape : OscPackets.malformed("/streetsense/lamp/set")) {
      assertThat(reason(shape.bytes()).wireName()).as(shape.name()).isEqualTo(shape.reason());
    }
  }

  @Test
  void nestingIsLimitedToTheDeclaredDepth() {
    byte[] inner = OscPackets.message("/x", 1);
    assertThat(messages(OscPackets.nested(8, inner))).hasSize(1);
    assertThat(reason(OscPackets.nested(9, inner))).isEqualTo(OscDropReason.TOO_DEEP);
  }

  @Test
  void threeThousandNestedBundlesAreRefusedWithoutDeepRecursionEvenUnderTheLargestDatagram() {
    OscDecoder udpSized = new OscDecoder(OscInOptions.defaults().withLimits(65_507, 8));
    byte[] deep = OscPackets.nested(3000, OscPackets.message("/x", 1));
    assertThat(deep.length).isLessThanOrEqualTo(65_507);
    OscDecoder.Result r = udpSized.decode(deep, deep.length);
    assertThat(r).isInstanceOfSatisfying(OscDecoder.Dropped.class,
        d -> assertThat(d.reason()).isEqualTo(OscDropReason.TOO_DEEP));
  }

  @Test
  void aDatagramLargerThanTheLimitIsDroppedUnread() {
    byte[] big = new byte[8193];
    big[0] = '/';
    assertThat(reason(big)).isEqualTo(OscDropReason.TOO_LARGE);
    assertThat(decode(big).steps()).isZero();
  }

  @Test
  void moreMessagesThanTheLimitDropTheWholeDatagram() {
    byte[][] many = new byte[65][];
    java.util.Arrays.fill(many, OscPackets.message("/m", 1));
    assertThat(reason(OscPackets.bundle(many))).isEqualTo(OscDropReason.TOO_MANY_MESSAGES);
    assertThat(messages(OscPackets.bundle(java.util.Arrays.copyOf(many, 64)))).hasSize(64);
  }

  @Test
  void aBundleWithOneBadElementYieldsNoMessage() {
    byte[] good = OscPackets.message("/good", 1);
    byte[] bad = OscPackets.message("/bad", 1);
    bad[9] = (byte) 'x'; // ",i" becomes ",x"
    assertThat(reason(bad)).isEqualTo(OscDropReason.UNKNOWN_TYPE_TAG);
    assertThat(reason(OscPackets.bundle(good, bad))).isEqualTo(OscDropReason.UNKNOWN_TYPE_TAG);
  }

  @Test
  void extraBytesAfterTheLastArgumentAreRefused() {
    byte[] m = OscPackets.message("/x", 1);
    byte[] longer = java.util.Arrays.copyOf(m, m.length + 4);
    assertThat(reason(longer)).isEqualTo(OscDropReason.BAD_LENGTH);
  }

  @Test
  void detailsNameTheByteAndKeepLogLinesPrintable() {
    OscDecoder.Result r = decode(OscPackets.message("/a\nforged log line", 1));
    assertThat(r).isInstanceOfSatisfying(OscDecoder.Dropped.class, d -> {
      assertThat(d.reason()).isEqualTo(OscDropReason.BAD_ADDRESS);
      assertThat(d.detail()).startsWith("byte 0: address '/a?forged log line'").doesNotContain("\n");
    });
  }
}
