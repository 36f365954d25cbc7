package org.streetsense.gateway.driver.spec;

import java.util.Objects;
import java.util.Optional;
import org.streetsense.gateway.hardware.I2cDevice;

/**
 * How {@code probe} recognises a chip at an address that acknowledged a read: by an identity
 * register or a power-on signature. A signature that only sees an acknowledgement (a chip without
 * an id register) is weak and tried after every strong one.
 *
 * @param strong whether the signature reads something only this chip answers
 * @param check reads the chip; returns empty when it is not this chip or a read fails; runs at
 *     setup time on the probing thread (it may reset the chip)
 */
public record ChipSignature(boolean strong, Check check) {

  /** Reads a chip and says what it is. */
  @FunctionalInterface
  public interface Check {
    Optional<ChipMatch> identify(I2cDevice device);
  }

  public ChipSignature {
    Objects.requireNonNull(check, "check");
  }

  /** A signature that reads an identity register or power-on defaults. */
  public static ChipSignature strong(Check check) {
    return new ChipSignature(true, check);
  }

  /** A signature that can only see an acknowledgement. */
  public static ChipSignature weak(Check check) {
    return new ChipSignature(false, check);
  }
}
