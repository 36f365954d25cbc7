package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {

  @Test
  void matchesOnlyTheSameToken() {
    char[] expected = "correct-horse-battery-staple".toCharArray();
    assertThat(ConstantTime.tokenMatches("correct-horse-battery-staple".toCharArray(), expected))
        .isTrue();
    assertThat(ConstantTime.tokenMatches("correct-horse-battery-stapl".toCharArray(), expected))
        .isFalse();
    assertThat(ConstantTime.tokenMatches("correct-horse-battery-staple!".toCharArray(),
        expected)).isFalse();
    assertThat(ConstantTime.tokenMatches(new char[0], expected)).isFalse();
    assertThat(ConstantTime.tokenMatches(null, expected)).isFalse();
    assertThat(ConstantTime.tokenMatches(new char[0], new char[0])).isFalse();
  }
}
