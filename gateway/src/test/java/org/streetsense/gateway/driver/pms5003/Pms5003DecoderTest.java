package org.streetsense.gateway.driver.pms5003;

import org.streetsense.gateway.hardware.wire.Pms5003Frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pms5003DecoderTest {

  /**
   * A frame laid out as in the datasheet's "Appendix I: transport protocol - active mode": start
   * 0x42 0x4D, frame length 2 x 13 + 2 = 0x001C, thirteen data words, check code = sum of every
   * byte before it (here 0x023D).
   */
  static final byte[] DATASHEET_LAYOUT_FRAME = bytes(
      0x42, 0x4D, 0x00, 0x1C, 0x00, 0x05, 0x00, 0x08, 0x00, 0x0A, 0x00, 0x05, 0x00, 0x08, 0x00, 0x0A,
      0x03, 0x84, 0x01, 0x0B, 0x00, 0x32, 0x00, 0x06, 0x00, 0x02, 0x00, 0x00, 0x97, 0x00, 0x02, 0x3D);

  private final List<Pms5003Frame> frames = new ArrayList<>();
  private final Pms5003Decoder decoder = new Pms5003Decoder(frames::add);

  @Test
  void decodesTheDatasheetFrameLayoutAndEncodesItBack() {
    decoder.accept(DATASHEET_LAYOUT_FRAME);
    assertThat(frames).hasSize(1);
    Pms5003Frame f = frames.get(0);
    assertThat(new int[] {f.pm1Standard(), f.pm25Standard(), f.pm10Standard()})
        .containsExactly(5, 8, 10);
    assertThat(new int[] {f.pm1Atmospheric(), f.pm25Atmospheric(), f.pm10Atmospheric()})
        .containsExactly(5, 8, 10);
    assertThat(f.particles(0)).as("beyond 0.3 um per 0.1 L").isEqualTo(900);
    assertThat(f.particles(5)).isZero();
    assertThat(f.encode()).isEqualTo(DATASHEET_LAYOUT_FRAME);
  }

  @Test
  void findsFramesSplitAcrossChunksAfterLineNoise() {
    byte[] stream = concat(bytes(0x00, 0x42, 0x13, 0xFF), DATASHEET_LAYOUT_FRAME, DATASHEET_LAYOUT_FRAME);
    for (byte b : stream) {
      decoder.accept(new byte[] {b});
    }
    assertThat(frames).hasSize(2);
    assertThat(decoder.discardedBytes()).isEqualTo(4);
  }

  @Test
  void aTornFrameCostsOnlyItselfAndTheNextWholeFrameIsRead() {
    byte[] torn = Arrays.copyOf(DATASHEET_LAYOUT_FRAME, 20);
    decoder.accept(concat(torn, DATASHEET_LAYOUT_FRAME));
    assertThat(frames).hasSize(1);
    assertThat(decoder.badFrames()).isEqualTo(1);
  }

  @Test
  void aGarbledFrameFailsItsCheckCode() {
    byte[] garbled = DATASHEET_LAYOUT_FRAME.clone();
    garbled[9] ^= 0x10;
    decoder.accept(concat(garbled, DATASHEET_LAYOUT_FRAME));
    assertThat(frames).hasSize(1);
    assertThat(frames.get(0).pm10Standard()).isEqualTo(10);
    assertThat(decoder.badFrames()).isEqualTo(1);
  }

  @Test
  void skipsTheShortAnswerSomeFirmwareSendsToCommands() {
    byte[] answer = bytes(0x42, 0x4D, 0x00, 0x04, 0xE1, 0x00, 0x01, 0x74);
    decoder.accept(concat(answer, DATASHEET_LAYOUT_FRAME));
    assertThat(frames).hasSize(1);
    assertThat(decoder.badFrames()).isZero();
  }

  @Test
  void aWrongLengthFieldIsNotTakenForAFrame() {
    byte[] wrong = DATASHEET_LAYOUT_FRAME.clone();
    wrong[3] = 0x7F;
    decoder.accept(concat(wrong, DATASHEET_LAYOUT_FRAME));
    assertThat(frames).hasSize(1);
  }

  @Test
  void hostCommandsCarryTheSumOfTheirBytes() {
    // check code = 0x42 + 0x4D + 0xE1 + 0x00 + 0x01 = 0x0171 (datasheet appendix II layout)
    assertThat(Pms5003Frame.command(0xE1, 1)).isEqualTo(bytes(0x42, 0x4D, 0xE1, 0x00, 0x01, 0x01, 0x71));
    assertThat(Pms5003Frame.command(0xE2, 0)).isEqualTo(bytes(0x42, 0x4D, 0xE2, 0x00, 0x00, 0x01, 0x71));
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
