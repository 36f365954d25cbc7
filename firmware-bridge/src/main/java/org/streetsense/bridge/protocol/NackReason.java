package org.streetsense.bridge.protocol;

/** Why a board refused a command (the NACK reason byte). */
public enum NackReason {
  UNKNOWN_CHANNEL(0x01),
  UNSUPPORTED_MODE(0x02),
  BAD_ARGUMENT(0x03),
  UNKNOWN_COMMAND(0x04),
  BUSY(0x05),
  /** The channel is not configured for this operation, e.g. a write to an input. */
  WRONG_MODE(0x06),
  /** A code this implementation does not know. */
  OTHER(0xFF);

  private final int code;

  NackReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static NackReason fromCode(int code) {
    for (NackReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return OTHER;
  }
}
