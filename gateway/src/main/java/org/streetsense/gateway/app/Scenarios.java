package org.streetsense.gateway.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.Connection;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.driver.button.ButtonDescriptor;
import org.streetsense.gateway.driver.button.ButtonOptions;
import org.streetsense.gateway.driver.mpr121.Mpr121Descriptor;
import org.streetsense.gateway.driver.pca9685.Pca9685Descriptor;
import org.streetsense.gateway.driver.pir.PirDescriptor;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;

/**
 * The scripted scenarios, written against whatever devices an installation declares: PIRs and
 * buttons on GPIO pins, MPR121 touch electrodes, I2C sensors and PCA9685 output chips. A
 * scenario the installation has no device for is refused ({@link IllegalArgumentException} naming what it needs).
 */
public final class Scenarios {

  /** A passer-by every this often: longer than a PIR's default hold (5 s), so each is seen apart. */
  static final Duration PASSER_BY_EVERY = Duration.ofSeconds(7);

  private Scenarios() {}

  /**
   * The steps of {@code name} for {@code inst}'s devices.
   *
   * @throws IllegalArgumentException when the installation has no device the scenario can drive
   */
  public static List<RigStep> steps(ScenarioName name, Installation inst) {
    return switch (name) {
      case CROWD -> crowd(inst);
      case VANDALISED_BUTTON -> vandalisedButton(inst);
      case UNPLUGGED_SENSOR -> unpluggedSensor(inst);
      case UNPLUGGED_OUTPUT -> unpluggedOutput(inst);
    };
  }

  private static List<DeviceSpec> onGpio(Installation inst, DriverDescriptor driver) {
    return inst.devices().stream()
        .filter(d -> d.driver() == driver && d.connection() instanceof Connection.Gpio).toList();
  }

  /** One touchable electrode: a device and the channel's electrode index. */
  private record Electrode(String device, String channel, int index) {}

  private static List<Electrode> electrodes(Installation inst) {
    List<Electrode> electrodes = new ArrayList<>();
    for (DeviceSpec d : inst.devices()) {
      if (d.driver() == Mpr121Descriptor.DESCRIPTOR && d.connection() instanceof Connection.I2c) {
        for (ChannelSpec c : d.channels()) {
          electrodes.add(new Electrode(d.id(), c.name(), c.index().orElse(0)));
        }
      }
    }
    return electrodes;
  }

  private static ButtonOptions buttonOptions(DeviceSpec button) {
    return ButtonOptions.from(DriverOptionsMapping.options(button));
  }

  private static List<RigStep> crowd(Installation inst) {
    List<DeviceSpec> pirs = onGpio(inst, PirDescriptor.DESCRIPTOR);
    List<Electrode> electrodes = electrodes(inst);
    List<DeviceSpec> buttons = onGpio(inst, ButtonDescriptor.DESCRIPTOR);
    if (pirs.isEmpty() && electrodes.isEmpty() && buttons.isEmpty()) {
      throw new IllegalArgumentException("scenario crowd needs a pir, button (on a GPIO pin) or "
          + "mpr121 touch device, and " + inst.source() + " declares none");
    }
    List<RigStep> steps = new ArrayList<>();
    int passersBy = 0;
    for (Duration t = Duration.ofSeconds(1); t.compareTo(Duration.ofSeconds(30)) < 0;
        t = t.plus(PASSER_BY_EVERY)) {
      passersBy++;
      int n = passersBy;
      for (int p = 0; p < pirs.size(); p++) {
        String id = pirs.get(p).id();
        Duration at = t.plusMillis(300L * p);
        steps.add(new RigStep(at, "passer-by " + n + " at " + id, c -> c.pin(id, true)));
        steps.add(new RigStep(at.plusMillis(1500), "passer-by " + n + " past " + id, c -> c.pin(id, false)));
      }
    }
    for (int i = 0; i < 10 && !electrodes.isEmpty(); i++) {
      Electrode e = electrodes.get(i % electrodes.size());
      Duration t = Duration.ofSeconds(1 + 3L * i).plusMillis(100);
      String what = e.device() + "/" + e.channel();
      steps.add(new RigStep(t, "hand on " + what, c -> c.touch(e.device(), e.index(), true)));
      steps.add(new RigStep(t.plusMillis(800), "hand off " + what, c -> c.touch(e.device(), e.index(), false)));
    }
    for (int i = 0; i < 5 && !buttons.isEmpty(); i++) {
      DeviceSpec b = buttons.get(i % buttons.size());
      boolean pressedLevel = !buttonOptions(b).activeLow();
      Duration t = Duration.ofSeconds(2 + 6L * i);
      steps.add(new RigStep(t, b.id() + " pressed", c -> c.pin(b.id(), pressedLevel)));
      steps.add(new RigStep(t.plusMillis(200), b.id() + " released", c -> c.pin(b.id(), !pressedLevel)));
    }
    steps.add(new RigStep(Duration.ofSeconds(37), "end", c -> { }));
    return steps;
  }

  private static List<RigStep> vandalisedButton(Installation inst) {
    List<DeviceSpec> buttons = onGpio(inst, ButtonDescriptor.DESCRIPTOR);
    if (buttons.isEmpty()) {
      throw new IllegalArgumentException("scenario vandalised-button needs a button device on a "
          + "GPIO pin, and " + inst.source() + " declares none");
    }
    Duration jam = Duration.ofSeconds(2);
    Duration longest = buttons.stream().map(b -> buttonOptions(b).stuckAfter())
        .max(Duration::compareTo).orElseThrow();
    Duration free = jam.plus(longest).plusSeconds(5);
    List<RigStep> steps = new ArrayList<>();
    for (DeviceSpec b : buttons) {
      boolean pressedLevel = !buttonOptions(b).activeLow();
      steps.add(new RigStep(jam, b.id() + " jammed down (stuck after "
          + buttonOptions(b).stuckAfter().toSeconds() + " s)", c -> c.pin(b.id(), pressedLevel)));
      steps.add(new RigStep(free, b.id() + " freed", c -> c.pin(b.id(), !pressedLevel)));
    }
    steps.add(new RigStep(free.plusSeconds(3), "end", c -> { }));
    return steps;
  }

  private static List<RigStep> unpluggedSensor(Installation inst) {
    DeviceSpec sensor = inst.devices().stream()
        .filter(d -> d.driver().kind() == ConnectionKind.I2C && !d.driver().isOutput())
        .findFirst().orElseThrow(() -> new IllegalArgumentException("scenario unplugged-sensor "
            + "needs an I2C sensor device, and " + inst.source() + " declares none"));
    String id = sensor.id();
    return List.of(
        new RigStep(Duration.ofSeconds(3), id + " pulled off the I2C bus", c -> c.unplug(id)),
        new RigStep(Duration.ofSeconds(18), id + " plugged back", c -> c.plugBack(id)),
        new RigStep(Duration.ofSeconds(30), "end", c -> { }));
  }

  /**
   * The first PCA9685 off the bus from 3 s to 18 s: a command to one of its channels in that time
   * fails ({@code hardware_error}) and the channel's state turns safe with cause
   * {@code hardware_lost}; after plug-back (a power-on reset of the chip) the next command
   * re-initialises it, every output safe, and runs.
   */
  private static List<RigStep> unpluggedOutput(Installation inst) {
    DeviceSpec chip = inst.devices().stream()
        .filter(d -> d.driver() == Pca9685Descriptor.DESCRIPTOR && d.connection() instanceof Connection.I2c)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("scenario unplugged-output "
            + "needs a pca9685 output device, and " + inst.source() + " declares none"));
    String id = chip.id();
    return List.of(
        new RigStep(Duration.ofSeconds(3), id + " pulled off the I2C bus (command one of its "
            + "channels now: it fails and the channel turns safe, cause hardware_lost)",
            c -> c.unplug(id)),
        new RigStep(Duration.ofSeconds(18), id + " plugged back (power-on reset: the next command "
            + "re-initialises it)", c -> c.plugBack(id)),
        new RigStep(Duration.ofSeconds(30), "end", c -> { }));
  }
}
