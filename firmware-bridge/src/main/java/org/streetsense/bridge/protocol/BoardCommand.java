package org.streetsense.bridge.protocol;

import java.time.Duration;
import java.util.Objects;

/** A host-to-board command, carried in a COMMAND packet and answered by ACK or NACK. */
public sealed interface BoardCommand {

  /** The channel the command acts on, 0..255. */
  int channel();

  /** Drives a digital output high or low (op 0x01). */
  record SetDigital(int channel, boolean high) implements BoardCommand {
    public SetDigital {
      BoardMessage.checkChannel(channel);
    }
  }

  /** Sets a PWM duty cycle, 0 (off) .. 255 (always on) (op 0x02). */
  record SetPwm(int channel, int duty) implements BoardCommand {
    public SetPwm {
      BoardMessage.checkChannel(channel);
      if (duty < 0 || duty > 255) {
        throw new IllegalArgumentException("duty must be 0..255, was " + duty);
      }
    }
  }

  /**
   * Configures a channel (op 0x03).
   *
   * @param mode the mode, or null to disable the channel
   * @param samplingInterval how often the board sends READINGs for an input (1 ms .. 65535 ms);
   *     {@link Duration#ZERO} means no periodic readings (digital inputs still send EVENTs)
   */
  record Configure(int channel, ChannelMode mode, Duration samplingInterval)
      implements BoardCommand {
    public Configure {
      BoardMessage.checkChannel(channel);
      Objects.requireNonNull(samplingInterval, "samplingInterval");
      if (samplingInterval.isNegative() || samplingInterval.toMillis() > 0xFFFF) {
        throw new IllegalArgumentException(
            "samplingInterval must be 0..65535 ms, was " + samplingInterval);
      }
    }
  }
}
