package org.streetsense.gateway.hardware;

/**
 * Immutable options for a {@link SpiDevice}.
 *
 * @param bus SPI bus (spidevB.x)
 * @param chipSelect chip-select line (spidevx.C)
 * @param mode SPI mode 0..3
 * @param clockHz clock rate in hertz
 */
public record SpiOptions(int bus, int chipSelect, int mode, int clockHz) {

  public SpiOptions {
    if (bus < 0) {
      throw new IllegalArgumentException("bus must be >= 0, was " + bus);
    }
    if (chipSelect < 0) {
      throw new IllegalArgumentException("chipSelect must be >= 0, was " + chipSelect);
    }
    if (mode < 0 || mode > 3) {
      throw new IllegalArgumentException("mode must be 0..3, was " + mode);
    }
    if (clockHz <= 0) {
      throw new IllegalArgumentException("clockHz must be > 0, was " + clockHz);
    }
  }
}
