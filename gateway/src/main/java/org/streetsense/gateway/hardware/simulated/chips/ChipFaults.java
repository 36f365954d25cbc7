package org.streetsense.gateway.hardware.simulated.chips;

/**
 * Chip-level fault injection shared by the sensor models. Bus-level faults (absent device, NACK,
 * timeout) belong to the simulated bus, not the chip.
 *
 * <p>Thread-safe: tests and scenario scripts flip faults from their own threads.
 */
public final class ChipFaults {

  private volatile boolean stuck;
  private volatile boolean railed;

  /**
   * Freezes the chip's measurement results: conversions still complete (status bits behave),
   * but the result registers keep their last value, like a latched ADC.
   */
  public void stuck(boolean value) {
    this.stuck = value;
  }

  public boolean stuck() {
    return stuck;
  }

  /**
   * Drives the chip's results to full scale, as a shorted or open sensor line does: the value is
   * out of range for the channel, not an I/O error. Stuck wins over railed.
   */
  public void railed(boolean value) {
    this.railed = value;
  }

  public boolean railed() {
    return railed;
  }
}
