package org.streetsense.gateway.probe;

import java.util.Objects;

/**
 * What answered at an address and how it was recognised.
 *
 * @param chip chip name as drivers name it ({@code bme280}, {@code bmp280}, ...) or
 *     {@code unknown}
 * @param evidence how it was recognised, for people (for example {@code chip id 0xD0 = 0x60})
 */
public record ChipIdentity(String chip, String evidence) {

  public static final String UNKNOWN = "unknown";

  public ChipIdentity {
    Objects.requireNonNull(chip, "chip");
    Objects.requireNonNull(evidence, "evidence");
  }

  public boolean known() {
    return !chip.equals(UNKNOWN);
  }
}
