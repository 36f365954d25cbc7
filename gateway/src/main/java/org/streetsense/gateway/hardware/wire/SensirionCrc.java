package org.streetsense.gateway.hardware.wire;

/**
 * The CRC-8 Sensirion sensors append to every 16-bit word they send or receive: polynomial 0x31
 * (x^8 + x^5 + x^4 + 1), initial value 0xFF, no reflection, no final XOR. The SCD4x datasheet's
 * example: CRC(0xBEEF) = 0x92.
 */
public final class SensirionCrc {

  private SensirionCrc() {}

  /** CRC-8 of the word's two bytes, most significant byte first. */
  public static int crc(int word) {
    int crc = 0xFF;
    crc = step(crc, (word >> 8) & 0xFF);
    return step(crc, word & 0xFF);
  }

  private static int step(int crc, int b) {
    crc ^= b;
    for (int i = 0; i < 8; i++) {
      crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
    }
    return crc;
  }

  /** The words as they travel on the bus: each as two bytes MSB first, then its CRC. */
  public static byte[] encode(int... words) {
    byte[] out = new byte[words.length * 3];
    for (int i = 0; i < words.length; i++) {
      out[3 * i] = (byte) (words[i] >> 8);
      out[3 * i + 1] = (byte) words[i];
      out[3 * i + 2] = (byte) crc(words[i] & 0xFFFF);
    }
    return out;
  }

  /** Word {@code index} of a bus response (0..65535), or -1 when its CRC does not match. */
  public static int word(byte[] response, int index) {
    int word = ((response[3 * index] & 0xFF) << 8) | (response[3 * index + 1] & 0xFF);
    return crc(word) == (response[3 * index + 2] & 0xFF) ? word : -1;
  }
}
