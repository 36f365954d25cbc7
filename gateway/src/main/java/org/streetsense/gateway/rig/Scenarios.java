package org.streetsense.gateway.rig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripted scenarios, written against the demo installation's devices ({@code motion} PIR,
 * {@code touch-wall} MPR121, {@code start-button}, {@code weather} BME280).
 */
public final class Scenarios {

  private Scenarios() {}

  public static List<RigStep> steps(ScenarioName name) {
    return switch (name) {
      case crowd -> crowd();
      case vandalised_button -> List.of(
          new RigStep(Duration.ofSeconds(2), "start-button jammed down", c -> c.pin("start-button", false)),
          new RigStep(Duration.ofSeconds(22), "start-button freed", c -> c.pin("start-button", true)),
          new RigStep(Duration.ofSeconds(25), "end", c -> { }));
      case unplugged_sensor -> List.of(
          new RigStep(Duration.ofSeconds(3), "weather sensor pulled off the I2C bus", c -> c.unplug("weather")),
          new RigStep(Duration.ofSeconds(18), "weather sensor plugged back", c -> c.plugBack("weather")),
          new RigStep(Duration.ofSeconds(30), "end", c -> { }));
    };
  }

  private static List<RigStep> crowd() {
    List<RigStep> steps = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Duration t = Duration.ofSeconds(1 + i);
      int electrode = i % 2;
      steps.add(new RigStep(t, "passer-by " + (i + 1) + " at the motion sensor", c -> c.pin("motion", true)));
      steps.add(new RigStep(t.plusMillis(500), "passer-by " + (i + 1) + " gone", c -> c.pin("motion", false)));
      if (i % 3 == 0) {
        steps.add(new RigStep(t.plusMillis(100), "hand on electrode " + electrode, c -> c.touch("touch-wall", electrode, true)));
        steps.add(new RigStep(t.plusMillis(900), "hand off electrode " + electrode, c -> c.touch("touch-wall", electrode, false)));
      }
    }
    steps.add(new RigStep(Duration.ofSeconds(33), "end", c -> { }));
    return steps;
  }
}
