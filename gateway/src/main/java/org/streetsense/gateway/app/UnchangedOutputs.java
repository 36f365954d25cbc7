package org.streetsense.gateway.app;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.streetsense.gateway.config.ActuatorSpec;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.dmx.DmxUniverseOptions;
import org.streetsense.gateway.dmx.FixtureOptions;
import org.streetsense.gateway.driver.spec.ConnectionKind;

/**
 * The outputs a new installation file declares exactly as the running one does, which an apply
 * keeps open at their levels (decision 0364). An output's declaration is everything that decides
 * what it drives and how it may be driven:
 *
 * <ul>
 *   <li>an output device on the Pi (GPIO output, dimmable led, PCA9685 chip): its device entry
 *       (driver, pin or address, options, safe state, channels) and the safety entry of each of
 *       its actuators ({@code lamp}, or {@code strip/warm} per PCA9685 channel; an absent entry
 *       is equal to an absent one). A PCA9685's channels share one entry, so they are kept or
 *       reset together;
 *   <li>a DMX fixture: its fixture entry, its universe's entry (what the universe sends: protocol,
 *       destination, rate, on-stop) and the safety entries of each of its actuators (dimmer,
 *       strobe, pan, tilt);
 *   <li>a DMX universe: its entry.
 * </ul>
 *
 * <p>Board outputs are never kept: their board's serial link is reopened with the board's inputs,
 * and opening the port resets most boards, which releases the pins anyway. Immutable.
 *
 * @param devices ids of output devices on the Pi to keep
 * @param universes ids of DMX universes to keep sending
 * @param fixtures ids of DMX fixtures to keep
 * @param actuators ids of every actuator of the kept devices and fixtures
 */
record UnchangedOutputs(Set<String> devices, Set<String> universes, Set<String> fixtures,
    Set<String> actuators) {

  UnchangedOutputs {
    devices = Set.copyOf(devices);
    universes = Set.copyOf(universes);
    fixtures = Set.copyOf(fixtures);
    actuators = Set.copyOf(actuators);
  }

  /** Nothing kept (a stop of the process). */
  static UnchangedOutputs none() {
    return new UnchangedOutputs(Set.of(), Set.of(), Set.of(), Set.of());
  }

  /** What {@code after} declares exactly as {@code before}. Does no I/O. */
  static UnchangedOutputs between(Installation before, Installation after) {
    Set<String> devices = new LinkedHashSet<>();
    Set<String> universes = new LinkedHashSet<>();
    Set<String> fixtures = new LinkedHashSet<>();
    Set<String> actuators = new LinkedHashSet<>();
    for (DeviceSpec d : before.devices()) {
      if (!d.driver().isOutput() || d.driver().kind() == ConnectionKind.BOARD
          || !after.device(d.id()).equals(Optional.of(d))) {
        continue;
      }
      List<String> ids = DriverOptionsMapping.isActuator(d.driver()) ? List.of(d.id())
          : d.channels().stream().map(c -> d.id() + "/" + c.name()).toList();
      if (ids.stream().allMatch(id -> sameSafety(before, after, id))) {
        devices.add(d.id());
        actuators.addAll(ids);
      }
    }
    for (DmxUniverseOptions u : before.dmx().universes()) {
      if (after.dmx().universe(u.id()).equals(Optional.of(u))) {
        universes.add(u.id());
      }
    }
    for (FixtureOptions f : before.dmx().fixtures()) {
      List<String> ids = f.actuatorIds();
      if (universes.contains(f.universe()) && after.dmx().fixtures().contains(f)
          && ids.stream().allMatch(id -> sameSafety(before, after, id))) {
        fixtures.add(f.id());
        actuators.addAll(ids);
      }
    }
    return new UnchangedOutputs(devices, universes, fixtures, actuators);
  }

  private static boolean sameSafety(Installation before, Installation after, String actuator) {
    return safety(before, actuator).equals(safety(after, actuator));
  }

  private static Optional<ActuatorSpec> safety(Installation inst, String actuator) {
    return inst.interaction().safety().actuators().stream()
        .filter(a -> a.id().equals(actuator)).findFirst();
  }
}
