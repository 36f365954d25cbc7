package org.streetsense.bridge.protocol;

import java.util.HexFormat;

/** Hex helpers for logs, docs and test vectors: lower case, space separated pairs. */
public final class Hex {

  private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

  private Hex() {}

  public static String format(byte[] data) {
    return SPACED.formatHex(data);
  }

  /** Parses hex with optional spaces; an empty or blank string is zero bytes. */
  public static byte[] parse(String hex) {
    String compact = hex.replaceAll("\\s+", "");
    if (compact.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits in '" + hex + "'");
    }
    return HexFormat.of().parseHex(compact);
  }
}
