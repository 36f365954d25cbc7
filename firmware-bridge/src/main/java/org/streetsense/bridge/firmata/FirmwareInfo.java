package org.streetsense.bridge.firmata;

/** The board's firmware report (sysex 0x79), e.g. 2.5 "StandardFirmata.ino". */
public record FirmwareInfo(int major, int minor, String name) {}
