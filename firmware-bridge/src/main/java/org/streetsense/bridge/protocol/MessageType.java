package org.streetsense.bridge.protocol;

import java.util.Optional;

/** The packet types of the Streetsense board protocol, with their wire codes. */
public enum MessageType {
  /** Board to host: board id, firmware version, protocol version. Sent after reset and on request. */
  HELLO(0x01),
  /** Host to board: asks for a HELLO (boards that did not reset when the port opened). */
  HELLO_REQUEST(0x02),
  /** Host to board: asks for CAPABILITIES. */
  CAPABILITIES_REQUEST(0x03),
  /** Board to host: channels (pins and sensors) and the modes each supports. */
  CAPABILITIES(0x04),
  /** Board to host: board uptime in milliseconds; sent every heartbeat interval. */
  HEARTBEAT(0x05),
  /** Board to host: one value of one channel. */
  READING(0x06),
  /** Board to host: a digital edge, stamped with board millis. */
  EVENT(0x07),
  /** Host to board: set digital, set PWM or configure a channel. Answered by ACK or NACK. */
  COMMAND(0x10),
  /** Board to host: the command with this sequence number was carried out. */
  ACK(0x11),
  /** Board to host: the command with this sequence number was refused, with a reason. */
  NACK(0x12);

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<MessageType> fromCode(int code) {
    for (MessageType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
