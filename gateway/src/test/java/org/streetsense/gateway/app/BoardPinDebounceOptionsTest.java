package org.streetsense.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.board.BoardInputSpec;
import org.streetsense.gateway.config.ConfigError;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.driver.DebounceMode;

/**
 * A board pin's {@code debounce} and {@code debounceMode} options, as the file declares them, reach
 * the board input; mistakes are refused where they are written, as for the Pi's inputs.
 */
class BoardPinDebounceOptionsTest {

  private static final String HEAD = """
      installation: arcade
      site: Bench
      hardware: {backend: simulated}
      boards:
        - {id: uno-1, port: /dev/ttyACM0, protocol: streetsense}
        - {id: nano-1, port: /dev/ttyACM1, protocol: firmata}
      uplink:
        mqtt: {url: "tcp://localhost:1883"}
      devices:
      """;

  @Test
  void declaredOptionsReachTheBoardInputAndTheDefaultsAreLeading20ms() throws Exception {
    Installation inst = load("""
          - {id: big-button, driver: board-pin, board: uno-1, pin: D2, mode: event}
          - id: door-loop
            driver: board-pin
            board: nano-1
            pin: D3
            mode: event
            options: {debounce: 150ms}
          - id: long-cable
            driver: board-pin
            board: uno-1
            pin: D4
            mode: event
            options: {debounce: 50ms, debounceMode: trailing}
        """);

    BoardInputSpec button = Devices.boardInput(inst.device("big-button").orElseThrow());
    assertThat(button.debounce()).isEqualTo(Duration.ofMillis(20));
    assertThat(button.debounceMode()).isEqualTo(DebounceMode.LEADING);
    BoardInputSpec door = Devices.boardInput(inst.device("door-loop").orElseThrow());
    assertThat(door.debounce()).isEqualTo(Duration.ofMillis(150));
    assertThat(door.debounceMode()).isEqualTo(DebounceMode.LEADING);
    BoardInputSpec cable = Devices.boardInput(inst.device("long-cable").orElseThrow());
    assertThat(cable.debounce()).isEqualTo(Duration.ofMillis(50));
    assertThat(cable.debounceMode()).isEqualTo(DebounceMode.TRAILING);
  }

  @Test
  void mistakesAreRefusedWithTheirPlaceAsForThePiInputs() {
    List<String> errors = errors("""
          - {id: a, driver: board-pin, board: uno-1, pin: D2, options: {debounceMode: lagging}}
          - {id: b, driver: board-pin, board: uno-1, pin: D3, options: {debounce: 2s}}
          - {id: c, driver: board-pin, board: uno-1, pin: D4, options: {debounce: 20}}
          - {id: d, driver: board-pin, board: uno-1, pin: A0, options: {debounce: 30ms}}
          - {id: e, driver: board-distance, board: uno-1, pin: D7, options: {debounce: 30ms}}
        """);

    assertThat(errors).anyMatch(e -> e.contains("devices[0].options.debounceMode")
        && e.contains("lagging") && e.contains("leading"));
    assertThat(errors).anyMatch(e -> e.contains("devices[1].options.debounce"));
    assertThat(errors).anyMatch(e -> e.contains("devices[2].options.debounce"));
    assertThat(errors).anyMatch(e -> e.contains("devices[3].options.debounce: debounce of "
        + "board-pin applies to a digital pin like D2; A0 is read as analog counts, which are "
        + "not debounced"));
    assertThat(errors).anyMatch(e -> e.contains("devices[4].options")
        && e.contains("unknown option 'debounce' of board-distance"));
    assertThat(errors).hasSize(5);
  }

  private static Installation load(String devices) throws ConfigException {
    return InstallationLoader.load("arcade.yaml", new ByteArrayInputStream(
        (HEAD + devices).getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> errors(String devices) {
    try {
      load(devices);
      return List.of();
    } catch (ConfigException e) {
      return e.errors().stream().map(ConfigError::format).toList();
    }
  }
}
