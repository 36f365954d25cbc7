package org.streetsense.bridge.firmata;

/**
 * Counters of a {@link FirmataParser} (Firmata has no checksum, so these are the only sign of
 * line noise).
 *
 * @param messages messages delivered
 * @param strayDataBytes data bytes (below 0x80) with no command to belong to
 * @param truncated messages cut short by the next command byte
 * @param unknownCommands command bytes this parser does not know
 * @param oversizedSysex sysex messages longer than the limit, dropped
 */
public record FirmataStats(long messages, long strayDataBytes, long truncated,
    long unknownCommands, long oversizedSysex) {}
