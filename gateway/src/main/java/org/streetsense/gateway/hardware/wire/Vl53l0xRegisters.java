package org.streetsense.gateway.hardware.wire;

import java.util.List;

/**
 * VL53L0X register addresses and values used by the ST API's initialisation and ranging
 * sequence. Registers are 8-bit addresses, multi-byte values big-endian, with auto-increment.
 * Register 0xFF selects a page of private registers (0x00 the public page; 0x01, 0x06, 0x07 hold
 * the stop variable and the non-volatile SPAD information).
 */
public final class Vl53l0xRegisters {

  /** The VL53L0X's power-on I2C address. */
  public static final int ADDRESS = 0x29;

  public static final int SYSRANGE_START = 0x00;
  public static final int SYSTEM_SEQUENCE_CONFIG = 0x01;
  public static final int SYSTEM_INTERRUPT_CONFIG_GPIO = 0x0A;
  public static final int SYSTEM_INTERRUPT_CLEAR = 0x0B;
  public static final int RESULT_INTERRUPT_STATUS = 0x13;
  public static final int RESULT_RANGE_STATUS = 0x14;
  /** The final range in mm: RESULT_RANGE_STATUS + 10, 16 bits. */
  public static final int RESULT_RANGE_MM = 0x1E;
  public static final int FINAL_RANGE_CONFIG_MIN_COUNT_RATE_RTN_LIMIT = 0x44;
  public static final int DYNAMIC_SPAD_NUM_REQUESTED_REF_SPAD = 0x4E;
  public static final int DYNAMIC_SPAD_REF_EN_START_OFFSET = 0x4F;
  public static final int MSRC_CONFIG_CONTROL = 0x60;
  public static final int GPIO_HV_MUX_ACTIVE_HIGH = 0x84;
  public static final int I2C_MODE = 0x88;
  public static final int VHV_CONFIG_PAD_SCL_SDA_EXTSUP_HV = 0x89;
  /** Page 1: the stop variable the host restores before every measurement. */
  public static final int STOP_VARIABLE = 0x91;
  /** Page 7: SPAD count (bits 6:0) and type (bit 7: aperture) from non-volatile memory. */
  public static final int NVM_SPAD_INFO = 0x92;
  public static final int GLOBAL_CONFIG_SPAD_ENABLES_REF_0 = 0xB0;
  public static final int GLOBAL_CONFIG_REF_EN_START_SELECT = 0xB6;
  public static final int IDENTIFICATION_MODEL_ID = 0xC0;
  public static final int PAGE_SELECT = 0xFF;

  /** The model id register's value on every VL53L0X. */
  public static final int MODEL_ID = 0xEE;
  /** Device range status (RESULT_RANGE_STATUS bits 6:3) of a valid range. */
  public static final int STATUS_RANGE_COMPLETE = 11;

  /**
   * The ST API's default tuning settings (VL53L0X_DefaultTuningSettings) as register/value pairs
   * in the order they are written; 0xFF entries switch the page. Unmodifiable: every sensor is
   * written the same datasheet values.
   */
  public static final List<Integer> DEFAULT_TUNING = List.of(
    0xFF, 0x01, 0x00, 0x00, 0xFF, 0x00, 0x09, 0x00, 0x10, 0x00, 0x11, 0x00, 0x24, 0x01, 0x25, 0xFF,
    0x75, 0x00, 0xFF, 0x01, 0x4E, 0x2C, 0x48, 0x00, 0x30, 0x20, 0xFF, 0x00, 0x30, 0x09, 0x54, 0x00,
    0x31, 0x04, 0x32, 0x03, 0x40, 0x83, 0x46, 0x25, 0x60, 0x00, 0x27, 0x00, 0x50, 0x06, 0x51, 0x00,
    0x52, 0x96, 0x56, 0x08, 0x57, 0x30, 0x61, 0x00, 0x62, 0x00, 0x64, 0x00, 0x65, 0x00, 0x66, 0xA0,
    0xFF, 0x01, 0x22, 0x32, 0x47, 0x14, 0x49, 0xFF, 0x4A, 0x00, 0xFF, 0x00, 0x7A, 0x0A, 0x7B, 0x00,
    0x78, 0x21, 0xFF, 0x01, 0x23, 0x34, 0x42, 0x00, 0x44, 0xFF, 0x45, 0x26, 0x46, 0x05, 0x40, 0x40,
    0x0E, 0x06, 0x20, 0x1A, 0x43, 0x40, 0xFF, 0x00, 0x34, 0x03, 0x35, 0x44, 0xFF, 0x01, 0x31, 0x04,
    0x4B, 0x09, 0x4C, 0x05, 0x4D, 0x04, 0xFF, 0x00, 0x44, 0x00, 0x45, 0x20, 0x47, 0x08, 0x48, 0x28,
    0x67, 0x00, 0x70, 0x04, 0x71, 0x01, 0x72, 0xFE, 0x76, 0x00, 0x77, 0x00, 0xFF, 0x01, 0x0D, 0x01,
    0xFF, 0x00, 0x80, 0x01, 0x01, 0xF8, 0xFF, 0x01, 0x8E, 0x01, 0x00, 0x01, 0xFF, 0x00, 0x80, 0x00
  );

  private Vl53l0xRegisters() {}

  /** The ST API's name of a device range status, for fault messages. */
  public static String statusName(int status) {
    return switch (status) {
      case 0 -> "none";
      case 1 -> "VCSEL continuity test failure";
      case 2 -> "VCSEL watchdog test failure";
      case 3 -> "no VHV value found";
      case 4 -> "MSRC no target";
      case 5 -> "SNR check";
      case 6 -> "range phase check";
      case 7 -> "sigma threshold check";
      case 8 -> "TCC";
      case 9 -> "phase consistency";
      case 10 -> "min clip";
      case 11 -> "range complete";
      case 12 -> "algo underflow";
      case 13 -> "algo overflow";
      case 14 -> "range ignore threshold";
      default -> "unknown (" + status + ")";
    };
  }
}
