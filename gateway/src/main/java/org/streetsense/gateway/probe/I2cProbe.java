package org.streetsense.gateway.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;

/**
 * Scans I2C buses through a {@link HardwareBackend} (so it works the same on a Pi and on the
 * simulated rig), identifies the known chips that answer, and compares them with the devices an
 * installation file declares.
 *
 * <p>Presence is a one-byte read (like {@code i2cdetect -r}); identification uses
 * {@link ChipSignatures}. Blocking: run it from the CLI or a worker thread, never the event loop.
 * The MPR121 check soft-resets the chip; probe before starting the gateway.
 */
public final class I2cProbe {

  /** Lowest and highest 7-bit addresses scanned (reserved addresses excluded). */
  public static final int FIRST = 0x08;
  public static final int LAST = 0x77;

  private final HardwareBackend backend;

  public I2cProbe(HardwareBackend backend) {
    this.backend = backend;
  }

  /**
   * Every address on {@code bus} that answers, with what it is.
   *
   * @throws HardwareIoException the bus itself cannot be opened or is gone (UNAVAILABLE, BUS_GONE)
   */
  public Map<Integer, ChipIdentity> scan(int bus) throws HardwareIoException {
    Map<Integer, ChipIdentity> found = new LinkedHashMap<>();
    for (int a = FIRST; a <= LAST; a++) {
      try (I2cDevice dev = backend.i2c(bus, a)) {
        dev.read(new byte[1]);
        found.put(a, ChipSignatures.identify(dev));
      } catch (HardwareIoException e) {
        if (e.kind() == HardwareIoException.Kind.UNAVAILABLE
            || e.kind() == HardwareIoException.Kind.BUS_GONE) {
          throw e;
        }
      }
    }
    return found;
  }

  /** Scans every bus the expected devices are on and compares. Never throws for bus faults. */
  public ProbeReport probe(List<ExpectedDevice> expected) {
    List<ProbeEntry> entries = new ArrayList<>();
    TreeSet<Integer> buses = new TreeSet<>();
    expected.forEach(d -> buses.add(d.bus()));
    for (int bus : buses) {
      List<ExpectedDevice> onBus = expected.stream().filter(d -> d.bus() == bus).toList();
      Map<Integer, ChipIdentity> found;
      try {
        found = scan(bus);
      } catch (HardwareIoException e) {
        for (ExpectedDevice d : onBus) {
          entries.add(new ProbeEntry(ProbeEntry.Status.MISSING, bus, d.address(), Optional.of(d),
              Optional.empty(), String.format("%s '%s': bus %d cannot be opened (%s); is I2C "
                  + "enabled (dtparam=i2c_arm=on)?", d.driver(), d.deviceId(), bus, e.getMessage())));
        }
        continue;
      }
      compare(bus, onBus, found, entries);
    }
    entries.sort(Comparator.comparingInt(ProbeEntry::bus).thenComparingInt(ProbeEntry::address));
    return new ProbeReport(entries);
  }

  private static void compare(
      int bus, List<ExpectedDevice> onBus, Map<Integer, ChipIdentity> found,
      List<ProbeEntry> entries) {
    for (ExpectedDevice d : onBus) {
      ChipIdentity id = found.get(d.address());
      String who = d.driver() + " '" + d.deviceId() + "'";
      if (id == null) {
        entries.add(new ProbeEntry(ProbeEntry.Status.MISSING, bus, d.address(), Optional.of(d),
            Optional.empty(), who + ": nothing answers; check power (3.3 V), SDA/SCL wiring and "
                + "pull-ups, and the address pins"));
      } else if (ChipSignatures.matches(d.driver(), id)) {
        entries.add(new ProbeEntry(ProbeEntry.Status.FOUND, bus, d.address(), Optional.of(d),
            Optional.of(id), who + ": found (" + id.evidence() + ")"));
      } else {
        entries.add(new ProbeEntry(ProbeEntry.Status.MISMATCH, bus, d.address(), Optional.of(d),
            Optional.of(id), who + ": a device answers but is " + (id.known()
                ? "a " + id.chip() : "not recognised") + " (" + id.evidence() + ")"));
      }
    }
    for (Map.Entry<Integer, ChipIdentity> f : found.entrySet()) {
      boolean declared = onBus.stream().anyMatch(d -> d.address() == f.getKey());
      if (!declared) {
        ChipIdentity id = f.getValue();
        entries.add(new ProbeEntry(ProbeEntry.Status.UNEXPECTED, bus, f.getKey(), Optional.empty(),
            Optional.of(id), (id.known() ? id.chip() : "unknown device")
                + " answers but is not in the installation file (" + id.evidence() + ")"));
      }
    }
  }
}
