package org.streetsense.gateway.driver.spec;

import java.util.Objects;

/**
 * What a chip signature found: the chip's name (which may be a relative the gateway does not
 * drive, such as {@code bmp280}) and the evidence, one sentence for the technician.
 */
public record ChipMatch(String chip, String evidence) {

  public ChipMatch {
    Objects.requireNonNull(chip, "chip");
    Objects.requireNonNull(evidence, "evidence");
  }
}
