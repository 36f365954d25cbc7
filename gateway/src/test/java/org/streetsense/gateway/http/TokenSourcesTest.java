package org.streetsense.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSourcesTest {

  @TempDir
  Path dir;

  @Test
  void readsTheFirstLineOfATokenFile() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "  abcdefghijklmnopqrstuvwx  \nrest\n");
    Supplier<char[]> token = TokenSources.fromFile(file);
    assertThat(new String(token.get())).isEqualTo("abcdefghijklmnopqrstuvwx");
    char[] copy = token.get();
    java.util.Arrays.fill(copy, 'x');
    assertThat(new String(token.get())).as("each call returns a fresh copy")
        .isEqualTo("abcdefghijklmnopqrstuvwx");
  }

  @Test
  void namesTheSourceWhenTheTokenIsMissingOrTooShort() throws Exception {
    assertThatThrownBy(() -> TokenSources.fromFile(dir.resolve("absent")))
        .hasMessageContaining("token file").hasMessageContaining("absent")
        .hasMessageContaining("cannot be read");
    Path shortFile = Files.writeString(dir.resolve("short"), "abc\n");
    assertThatThrownBy(() -> TokenSources.fromFile(shortFile))
        .hasMessageContaining("shorter than 16 characters").hasMessageNotContaining("abc\n");
    assertThatThrownBy(() -> TokenSources.fromEnv("STREETSENSE_TEST_SURELY_UNSET_VARIABLE"))
        .hasMessage("environment variable STREETSENSE_TEST_SURELY_UNSET_VARIABLE is not set");
  }

  @Test
  void generatesLongRandomTokens() {
    char[] a = TokenSources.generate();
    char[] b = TokenSources.generate();
    assertThat(a).hasSize(32);
    assertThat(new String(a)).isNotEqualTo(new String(b)).matches("[A-Za-z0-9_-]{32}");
  }
}
