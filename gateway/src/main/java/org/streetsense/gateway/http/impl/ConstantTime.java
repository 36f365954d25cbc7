package org.streetsense.gateway.http.impl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Token comparison whose time depends on neither the contents nor the lengths of the inputs:
 * both are hashed with SHA-256 and the digests compared with {@link MessageDigest#isEqual}.
 */
final class ConstantTime {

  private ConstantTime() {}

  /** Whether {@code presented} equals {@code expected}; null or empty never matches. */
  static boolean tokenMatches(char[] presented, char[] expected) {
    if (presented == null || expected == null || presented.length == 0 || expected.length == 0) {
      return false;
    }
    byte[] a = sha256(presented);
    byte[] b = sha256(expected);
    return MessageDigest.isEqual(a, b);
  }

  private static byte[] sha256(char[] chars) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    } finally {
      if (bytes.hasArray()) {
        Arrays.fill(bytes.array(), (byte) 0);
      }
    }
  }
}
