package org.streetsense.bridge.protocol;

/**
 * CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
 * Check value: {@code "123456789"} gives 0x29B1. Stateless and thread-safe.
 */
public final class Crc16 {

  private Crc16() {}

  /** Returns the CRC (0..0xFFFF) of {@code length} bytes of {@code data} from {@code offset}. */
  public static int ccittFalse(byte[] data, int offset, int length) {
    int crc = 0xFFFF;
    for (int i = offset; i < offset + length; i++) {
      crc ^= (data[i] & 0xFF) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      crc &= 0xFFFF;
    }
    return crc;
  }

  public static int ccittFalse(byte[] data) {
    return ccittFalse(data, 0, data.length);
  }
}
