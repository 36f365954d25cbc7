package org.streetsense.bridge.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The decoded payload of a Streetsense board protocol packet. Payload layouts are in
 * docs/board-protocol.md and in {@link MessageCodec}.
 */
public sealed interface BoardMessage {

  MessageType type();

  /** Board identity, sent after every reset and on HELLO_REQUEST. */
  record Hello(int protocolVersion, int firmwareMajor, int firmwareMinor, int firmwarePatch,
      String boardId) implements BoardMessage {
    public Hello {
      Objects.requireNonNull(boardId, "boardId");
      if (boardId.length() > 32) {
        throw new IllegalArgumentException("boardId must be at most 32 characters: " + boardId);
      }
    }

    public String firmwareVersion() {
      return firmwareMajor + "." + firmwareMinor + "." + firmwarePatch;
    }

    @Override
    public MessageType type() {
      return MessageType.HELLO;
    }
  }

  record HelloRequest() implements BoardMessage {
    @Override
    public MessageType type() {
      return MessageType.HELLO_REQUEST;
    }
  }

  record CapabilitiesRequest() implements BoardMessage {
    @Override
    public MessageType type() {
      return MessageType.CAPABILITIES_REQUEST;
    }
  }

  /** One channel of a board: a pin (name "A0", "D13") or a sensor (name "hcsr04"). */
  record Channel(int id, String name, Set<ChannelMode> modes) {
    public Channel {
      checkChannel(id);
      Objects.requireNonNull(name, "name");
      if (name.isEmpty() || name.length() > 16) {
        throw new IllegalArgumentException("channel name must be 1..16 characters: '" + name + "'");
      }
      modes = Set.copyOf(modes);
    }
  }

  record Capabilities(List<Channel> channels) implements BoardMessage {
    public Capabilities {
      channels = List.copyOf(channels);
    }

    @Override
    public MessageType type() {
      return MessageType.CAPABILITIES;
    }
  }

  /** @param uptimeMillis board uptime, 0..2^32-1, wraps after about 49 days */
  record Heartbeat(long uptimeMillis) implements BoardMessage {
    @Override
    public MessageType type() {
      return MessageType.HEARTBEAT;
    }
  }

  /**
   * A value of one channel. Exactly one representation is on the wire: int32 when
   * {@code floating} is false, IEEE-754 float32 otherwise.
   */
  record Reading(int channel, Unit unit, boolean floating, double value) implements BoardMessage {
    public Reading {
      checkChannel(channel);
      Objects.requireNonNull(unit, "unit");
    }

    public static Reading ofInt(int channel, Unit unit, int value) {
      return new Reading(channel, unit, false, value);
    }

    public static Reading ofFloat(int channel, Unit unit, float value) {
      return new Reading(channel, unit, true, value);
    }

    @Override
    public MessageType type() {
      return MessageType.READING;
    }
  }

  /** A digital edge: the level after the edge, and board millis when it was seen. */
  record Event(int channel, boolean high, long boardMillis) implements BoardMessage {
    public Event {
      checkChannel(channel);
    }

    @Override
    public MessageType type() {
      return MessageType.EVENT;
    }
  }

  record Command(BoardCommand command) implements BoardMessage {
    public Command {
      Objects.requireNonNull(command, "command");
    }

    @Override
    public MessageType type() {
      return MessageType.COMMAND;
    }
  }

  record Ack(int commandSeq) implements BoardMessage {
    @Override
    public MessageType type() {
      return MessageType.ACK;
    }
  }

  record Nack(int commandSeq, NackReason reason) implements BoardMessage {
    @Override
    public MessageType type() {
      return MessageType.NACK;
    }
  }

  static void checkChannel(int channel) {
    if (channel < 0 || channel > 255) {
      throw new IllegalArgumentException("channel must be 0..255, was " + channel);
    }
  }
}
