package org.streetsense.gateway.dmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.dmx.impl.ArtDmxPacket;
import org.streetsense.gateway.dmx.impl.E131Packet;

/** The packets byte for byte against the Art-Net 4 and ANSI E1.31-2018 layouts. */
class DmxPacketsTest {

  private static byte[] slots() {
    byte[] s = new byte[512];
    s[0] = 10;
    s[1] = (byte) 200;
    s[511] = 7;
    return s;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
  }

  @Test
  void artDmxHeaderFollowsTheArtNet4Layout() {
    byte[] p = new byte[ArtDmxPacket.SIZE];
    ArtDmxPacket.encode(p, 42, 0x1234, slots());

    assertThat(Arrays.copyOfRange(p, 0, 18)).containsExactly(
        'A', 'r', 't', '-', 'N', 'e', 't', 0,
        0x00, 0x50, // OpDmx, little-endian
        0, 14, // protocol version 14
        42, 0, // sequence, physical
        0x34, 0x12, // SubUni (low byte of the port address), Net (high 7 bits)
        0x02, 0x00); // length 512, big-endian
    assertThat(p[18]).isEqualTo((byte) 10);
    assertThat(p[19]).isEqualTo((byte) 200);
    assertThat(p[18 + 511]).isEqualTo((byte) 7);
    assertThat(ArtDmxPacket.SIZE).isEqualTo(530);
  }

  @Test
  void artNetSequenceRunsOneTo255AndNeverZero() {
    assertThat(ArtDmxPacket.next(0)).isEqualTo(1);
    assertThat(ArtDmxPacket.next(254)).isEqualTo(255);
    assertThat(ArtDmxPacket.next(255)).isEqualTo(1);
  }

  @Test
  void e131DataPacketFollowsTheStandardsOffsets() {
    byte[] cid = new byte[16];
    for (int i = 0; i < 16; i++) {
      cid[i] = (byte) (i + 1);
    }
    byte[] p = new byte[E131Packet.SIZE];
    E131Packet.encode(p, cid, "Streetsense street", 150, 9, 0, 0x0102, slots());

    // root layer
    assertThat(u16(p, 0)).isEqualTo(0x0010);
    assertThat(u16(p, 2)).isEqualTo(0x0000);
    assertThat(Arrays.copyOfRange(p, 4, 16)).containsExactly(
        0x41, 0x53, 0x43, 0x2d, 0x45, 0x31, 0x2e, 0x31, 0x37, 0x00, 0x00, 0x00);
    assertThat(u16(p, 16)).isEqualTo(0x7000 | 622);
    assertThat(Arrays.copyOfRange(p, 18, 22)).containsExactly(0, 0, 0, 4);
    assertThat(Arrays.copyOfRange(p, 22, 38)).isEqualTo(cid);
    // framing layer
    assertThat(u16(p, 38)).isEqualTo(0x7000 | 600);
    assertThat(Arrays.copyOfRange(p, 40, 44)).containsExactly(0, 0, 0, 2);
    assertThat(new String(p, 44, 18, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("Streetsense street");
    assertThat(p[44 + 18]).isZero();
    assertThat(p[108] & 0xff).isEqualTo(150);
    assertThat(u16(p, 109)).isZero();
    assertThat(p[111]).isEqualTo((byte) 9);
    assertThat(p[112]).isZero();
    assertThat(u16(p, 113)).isEqualTo(0x0102);
    // DMP layer
    assertThat(u16(p, 115)).isEqualTo(0x7000 | 523);
    assertThat(p[117]).isEqualTo((byte) 0x02);
    assertThat(p[118]).isEqualTo((byte) 0xa1);
    assertThat(u16(p, 119)).isZero();
    assertThat(u16(p, 121)).isEqualTo(1);
    assertThat(u16(p, 123)).isEqualTo(513);
    assertThat(p[125]).isZero(); // start code
    assertThat(p[126]).isEqualTo((byte) 10);
    assertThat(p[637]).isEqualTo((byte) 7);
  }

  @Test
  void streamTerminatedSetsOptionsBitSix() {
    byte[] p = new byte[E131Packet.SIZE];
    E131Packet.encode(p, new byte[16], "s", 100, 0, E131Packet.STREAM_TERMINATED, 1, new byte[512]);

    assertThat(p[112]).isEqualTo((byte) 0x40);
  }

  @Test
  void multicastGroupCarriesTheUniverse() {
    assertThat(E131Packet.multicastGroup(1)).isEqualTo("239.255.0.1");
    assertThat(E131Packet.multicastGroup(63999)).isEqualTo("239.255.249.255");
  }

  @Test
  void outOfRangeFieldsAreRefused() {
    byte[] p = new byte[E131Packet.SIZE];
    assertThatThrownBy(() -> E131Packet.encode(p, new byte[16], "s", 201, 0, 0, 1, new byte[512]))
        .hasMessageContaining("priority");
    assertThatThrownBy(() -> E131Packet.encode(p, new byte[16], "s", 100, 0, 0, 0, new byte[512]))
        .hasMessageContaining("universe");
    assertThatThrownBy(() -> ArtDmxPacket.encode(p, 1, 32768, new byte[512]))
        .hasMessageContaining("port address");
  }
}
