package org.streetsense.gateway.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Where the dashboard token comes from. Each supplier returns a fresh copy of the token on every
 * call, which the caller wipes after use. Tokens are never logged.
 */
public final class TokenSources {

  /** Shortest accepted token, in characters. */
  public static final int MIN_LENGTH = 16;

  private TokenSources() {}

  /**
   * The token in environment variable {@code name}, read once now.
   *
   * @throws IllegalArgumentException naming the variable if it is unset or shorter than
   *     {@value #MIN_LENGTH} characters
   */
  public static Supplier<char[]> fromEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("environment variable " + name + " is not set");
    }
    return of(value.strip().toCharArray(), "environment variable " + name);
  }

  /**
   * The token in a file (first line, surrounding white space removed), read once now.
   *
   * @throws IllegalArgumentException naming the file if it cannot be read, or the token is
   *     shorter than {@value #MIN_LENGTH} characters
   */
  public static Supplier<char[]> fromFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("token file " + file + " cannot be read: "
          + e.getClass().getSimpleName(), e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    Arrays.fill(bytes, (byte) 0);
    int eol = text.indexOf('\n');
    String line = (eol < 0 ? text : text.substring(0, eol)).strip();
    return of(line.toCharArray(), "token file " + file);
  }

  /** A new random token of 32 URL-safe characters (192 bits), for demos. */
  public static char[] generate() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

  /**
   * A supplier of copies of {@code token}; the array is copied, so the caller may wipe its own.
   *
   * @throws IllegalArgumentException if the token is shorter than {@value #MIN_LENGTH}
   */
  public static Supplier<char[]> of(char[] token) {
    return of(token.clone(), "token");
  }

  private static Supplier<char[]> of(char[] token, String where) {
    if (token.length < MIN_LENGTH) {
      Arrays.fill(token, '\0');
      throw new IllegalArgumentException(
          where + " holds a token shorter than " + MIN_LENGTH + " characters");
    }
    return token::clone;
  }
}
