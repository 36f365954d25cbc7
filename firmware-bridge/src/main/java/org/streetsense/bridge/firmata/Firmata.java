package org.streetsense.bridge.firmata;

/** Firmata command and sysex codes (Firmata protocol 2.x, StandardFirmata). */
public final class Firmata {

  public static final int BAUD_RATE = 57_600;

  public static final int DIGITAL_MESSAGE = 0x90;
  public static final int ANALOG_MESSAGE = 0xE0;
  public static final int REPORT_ANALOG = 0xC0;
  public static final int REPORT_DIGITAL = 0xD0;
  public static final int SET_PIN_MODE = 0xF4;
  public static final int SET_DIGITAL_PIN_VALUE = 0xF5;
  public static final int PROTOCOL_VERSION = 0xF9;
  public static final int SYSTEM_RESET = 0xFF;
  public static final int START_SYSEX = 0xF0;
  public static final int END_SYSEX = 0xF7;

  public static final int ANALOG_MAPPING_QUERY = 0x69;
  public static final int ANALOG_MAPPING_RESPONSE = 0x6A;
  public static final int CAPABILITY_QUERY = 0x6B;
  public static final int CAPABILITY_RESPONSE = 0x6C;
  public static final int EXTENDED_ANALOG = 0x6F;
  public static final int STRING_DATA = 0x71;
  public static final int REPORT_FIRMWARE = 0x79;
  public static final int SAMPLING_INTERVAL = 0x7A;

  /** Marks the end of a pin in a capability response, and "no channel" in an analog mapping. */
  public static final int NONE = 0x7F;

  private Firmata() {}
}
