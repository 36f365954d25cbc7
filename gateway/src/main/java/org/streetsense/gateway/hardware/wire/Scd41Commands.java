package org.streetsense.gateway.hardware.wire;

import java.time.Duration;

/**
 * The SCD4x commands the driver uses, with the datasheet's maximum execution times (the time
 * after the command before the sensor answers the next transaction; during it the sensor does not
 * acknowledge its address). All commands are 16-bit, sent most significant byte first.
 */
public final class Scd41Commands {

  /** The SCD4x's fixed I2C address. */
  public static final int ADDRESS = 0x62;

  /** start_periodic_measurement: a new measurement every 5 s; no execution time. */
  public static final int START_PERIODIC_MEASUREMENT = 0x21B1;
  /** read_measurement: CO2, temperature and humidity words; 1 ms. Empties the buffer. */
  public static final int READ_MEASUREMENT = 0xEC05;
  /** get_data_ready_status: one word, data ready when its 11 low bits are not all 0; 1 ms. */
  public static final int GET_DATA_READY_STATUS = 0xE4B8;
  /** stop_periodic_measurement: back to idle; 500 ms. */
  public static final int STOP_PERIODIC_MEASUREMENT = 0x3F86;
  /** get_serial_number: three words (48 bits); 1 ms; only in idle mode. */
  public static final int GET_SERIAL_NUMBER = 0x3682;

  /** Execution time of read_measurement, get_data_ready_status and get_serial_number. */
  public static final Duration READ_TIME = Duration.ofMillis(1);
  /** Execution time of stop_periodic_measurement. */
  public static final Duration STOP_TIME = Duration.ofMillis(500);
  /** Signal update interval in periodic mode: the first result is ready 5 s after the start. */
  public static final Duration SIGNAL_UPDATE_INTERVAL = Duration.ofSeconds(5);

  private Scd41Commands() {}

  /** The two bytes of a command, MSB first. */
  public static byte[] bytes(int command) {
    return new byte[] {(byte) (command >> 8), (byte) command};
  }

  /** Temperature in degC of a raw word: -45 + 175 * word / 65535. */
  public static double temperature(int word) {
    return -45.0 + 175.0 * word / 65535.0;
  }

  /** Relative humidity in %RH of a raw word: 100 * word / 65535. */
  public static double humidity(int word) {
    return 100.0 * word / 65535.0;
  }
}
