package org.streetsense.bridge.firmata;

import java.util.List;
import java.util.Optional;

/** What {@link FirmataClient#start()} learned: firmware, and every pin's capabilities. */
public record FirmataBoardInfo(FirmwareInfo firmware, List<PinCapability> pins) {

  public FirmataBoardInfo {
    pins = List.copyOf(pins);
  }

  /** The pin that reads analog channel {@code channel} (A0 is channel 0). */
  public Optional<PinCapability> analogPin(int channel) {
    return pins.stream().filter(p -> p.analogChannel() == channel).findFirst();
  }
}
