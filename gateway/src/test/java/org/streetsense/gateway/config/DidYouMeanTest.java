package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DidYouMeanTest {

  @Test
  void suggestsTheClosestKnownKeyForATypo() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - id: weather",
        "    driver: bme280",
        "    adress: 0x76"))
        .extracting(ConfigError::path, ConfigError::message)
        .contains(org.assertj.core.api.Assertions.tuple("devices[0].adress",
            "unknown key 'adress'; did you mean 'address'?"));
  }

  @Test
  void suggestsAKeyWrittenInAnotherCase() {
    assertThat(InstallationTexts.errors(
        "devices:",
        "  - id: lamp",
        "    driver: led",
        "    pin: 18",
        "    safestate: off"))
        .extracting(ConfigError::message)
        .containsExactly("unknown key 'safestate'; did you mean 'safeState'?");
  }

  @Test
  void listsTheAllowedKeysWhenNothingIsClose() {
    assertThat(InstallationTexts.errors(
        "devices: [{id: b, driver: button, pin: 5}]",
        "spool: {colour: blue}"))
        .extracting(ConfigError::message)
        .containsExactly("unknown key 'colour'; allowed keys: dir, maxBytes, maxAge, fsync, "
            + "groupCommitInterval, whenFull, replayRate");
  }

  @Test
  void suggestsAKnownBoardForAMistypedReference() {
    assertThat(InstallationTexts.errors(
        "boards: [{id: uno-left, port: /dev/ttyACM0}]",
        "devices: [{id: d, driver: board-distance, board: uno-lef, pin: D7}]"))
        .extracting(ConfigError::message)
        .containsExactly("no board 'uno-lef' in boards; did you mean 'uno-left'? known: uno-left");
  }

  @Test
  void suggestsAnEnumSpelling() {
    assertThat(InstallationTexts.errors(
        "devices: [{id: b, driver: button, pin: 5}]",
        "spool: {whenFull: drop_oldest}"))
        .extracting(ConfigError::message)
        .containsExactly("'drop_oldest' is not a known full-spool policy; did you mean "
            + "'drop-oldest'? allowed: drop-oldest, reject-new");
  }
}
