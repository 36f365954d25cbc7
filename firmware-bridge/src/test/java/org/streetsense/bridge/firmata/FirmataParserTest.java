package org.streetsense.bridge.firmata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.streetsense.bridge.protocol.Hex;

class FirmataParserTest {

  private final List<FirmataMessage> messages = new ArrayList<>();
  private final FirmataParser parser = new FirmataParser(messages::add);

  @Test
  void parsesEveryMessageKindTheCodecWrites() {
    List<FirmataMessage> all = List.of(
        new FirmataMessage.DigitalPort(1, 0xA5),
        new FirmataMessage.Analog(3, 1023),
        new FirmataMessage.ProtocolVersion(2, 5),
        new FirmataMessage.ReportAnalog(0, true),
        new FirmataMessage.ReportDigital(1, false),
        new FirmataMessage.SetPinMode(13, PinMode.OUTPUT.code()),
        new FirmataMessage.SetDigitalPin(13, true),
        new FirmataMessage.SystemReset(),
        FirmataCodec.firmwareReport(2, 5, "StandardFirmata.ino"),
        FirmataCodec.samplingInterval(100),
        FirmataCodec.extendedAnalog(20, 40000));
    for (FirmataMessage m : all) {
      parser.feed(FirmataCodec.encode(m));
    }
    assertThat(messages).containsExactlyElementsOf(all);
    assertThat(parser.stats().messages()).isEqualTo(all.size());
  }

  @Test
  void encodesAnalogAsTwoSevenBitBytes() {
    assertThat(Hex.format(FirmataCodec.encode(new FirmataMessage.Analog(0, 1023))))
        .isEqualTo("e0 7f 07");
    assertThat(Hex.format(FirmataCodec.encode(FirmataCodec.samplingInterval(200))))
        .isEqualTo("f0 7a 48 01 f7");
  }

  @Test
  void commandByteInsideAMessageAbandonsItAndTheNextMessageSurvives() {
    parser.feed(Hex.parse("e0 7f 91 03 00"));
    assertThat(messages).containsExactly(new FirmataMessage.DigitalPort(1, 3));
    assertThat(parser.stats().truncated()).isEqualTo(1);
  }

  @Test
  void strayDataAndUnknownCommandsAreCountedAndDropped() {
    parser.feed(Hex.parse("01 02 03 f1 44 e1 10 00"));
    assertThat(messages).containsExactly(new FirmataMessage.Analog(1, 16));
    assertThat(parser.stats().strayDataBytes()).isEqualTo(4);
    assertThat(parser.stats().unknownCommands()).isEqualTo(1);
  }

  @Test
  void oversizedSysexIsDropped() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xF0);
    out.write(0x71);
    for (int i = 0; i < FirmataParser.MAX_SYSEX + 10; i++) {
      out.write(0x41);
    }
    out.write(0xF7);
    out.writeBytes(Hex.parse("e0 01 00"));
    parser.feed(out.toByteArray());
    assertThat(parser.stats().oversizedSysex()).isEqualTo(1);
    assertThat(messages).containsExactly(new FirmataMessage.Analog(0, 1));
  }

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(11);
    for (int i = 0; i < 5000; i++) {
      byte[] chunk = new byte[1 + random.nextInt(100)];
      random.nextBytes(chunk);
      parser.feed(chunk);
    }
    parser.feed(Hex.parse("f7 e5 22 01"));
    assertThat(messages.get(messages.size() - 1)).isEqualTo(new FirmataMessage.Analog(5, 0xA2));
  }
}
