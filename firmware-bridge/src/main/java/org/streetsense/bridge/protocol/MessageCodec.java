package org.streetsense.bridge.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes {@link BoardMessage}s to packet payloads and back. All integers little-endian. Stateless
 * and thread-safe.
 */
public final class MessageCodec {

  static final int OP_SET_DIGITAL = 0x01;
  static final int OP_SET_PWM = 0x02;
  static final int OP_CONFIGURE = 0x03;

  private MessageCodec() {}

  /** Builds the packet for {@code message} with sequence number {@code seq}. */
  public static Packet toPacket(BoardMessage message, int seq) {
    return Packet.of(message.type(), seq, encode(message));
  }

  public static byte[] encode(BoardMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (message instanceof BoardMessage.Hello h) {
      out.write(h.protocolVersion());
      out.write(h.firmwareMajor());
      out.write(h.firmwareMinor());
      out.write(h.firmwarePatch());
      writeString(out, h.boardId());
    } else if (message instanceof BoardMessage.Capabilities c) {
      out.write(c.channels().size());
      for (BoardMessage.Channel ch : c.channels()) {
        out.write(ch.id());
        out.write(ChannelMode.toBits(ch.modes()));
        writeString(out, ch.name());
      }
    } else if (message instanceof BoardMessage.Heartbeat hb) {
      writeU32(out, hb.uptimeMillis());
    } else if (message instanceof BoardMessage.Reading r) {
      out.write(r.channel());
      out.write(r.unit().code());
      out.write(r.floating() ? 1 : 0);
      writeU32(out, r.floating() ? Float.floatToIntBits((float) r.value()) : (int) r.value());
    } else if (message instanceof BoardMessage.Event e) {
      out.write(e.channel());
      out.write(e.high() ? 1 : 0);
      writeU32(out, e.boardMillis());
    } else if (message instanceof BoardMessage.Command c) {
      encodeCommand(out, c.command());
    } else if (message instanceof BoardMessage.Ack a) {
      writeU16(out, a.commandSeq());
    } else if (message instanceof BoardMessage.Nack n) {
      writeU16(out, n.commandSeq());
      out.write(n.reason().code());
    }
    return out.toByteArray();
  }

  private static void encodeCommand(ByteArrayOutputStream out, BoardCommand command) {
    if (command instanceof BoardCommand.SetDigital d) {
      out.write(OP_SET_DIGITAL);
      out.write(d.channel());
      out.write(d.high() ? 1 : 0);
    } else if (command instanceof BoardCommand.SetPwm p) {
      out.write(OP_SET_PWM);
      out.write(p.channel());
      out.write(p.duty());
    } else if (command instanceof BoardCommand.Configure c) {
      out.write(OP_CONFIGURE);
      out.write(c.channel());
      out.write(c.mode() == null ? 0 : c.mode().bit());
      writeU16(out, (int) c.samplingInterval().toMillis());
    }
  }

  /**
   * Decodes the payload of {@code packet}.
   *
   * @throws ProtocolException if the type is unknown or the payload does not fit its layout
   */
  public static BoardMessage decode(Packet packet) throws ProtocolException {
    MessageType type = MessageType.fromCode(packet.type())
        .orElseThrow(() -> new ProtocolException("unknown message type 0x"
            + Integer.toHexString(packet.type())));
    Reader in = new Reader(type, packet.payload());
    try {
      return decode(type, in);
    } catch (IllegalArgumentException e) {
      throw in.error(e.getMessage());
    }
  }

  private static BoardMessage decode(MessageType type, Reader in) throws ProtocolException {
    BoardMessage message = switch (type) {
      case HELLO -> new BoardMessage.Hello(in.u8(), in.u8(), in.u8(), in.u8(), in.string());
      case HELLO_REQUEST -> new BoardMessage.HelloRequest();
      case CAPABILITIES_REQUEST -> new BoardMessage.CapabilitiesRequest();
      case CAPABILITIES -> decodeCapabilities(in);
      case HEARTBEAT -> new BoardMessage.Heartbeat(in.u32());
      case READING -> decodeReading(in);
      case EVENT -> new BoardMessage.Event(in.u8(), in.u8() != 0, in.u32());
      case COMMAND -> new BoardMessage.Command(decodeCommand(in));
      case ACK -> new BoardMessage.Ack(in.u16());
      case NACK -> new BoardMessage.Nack(in.u16(), NackReason.fromCode(in.u8()));
    };
    in.expectEnd();
    return message;
  }

  private static BoardMessage decodeCapabilities(Reader in) throws ProtocolException {
    int count = in.u8();
    List<BoardMessage.Channel> channels = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int id = in.u8();
      int modes = in.u8();
      String name = in.string();
      channels.add(in.wrap(() -> new BoardMessage.Channel(id, name, ChannelMode.fromBits(modes))));
    }
    return new BoardMessage.Capabilities(channels);
  }

  private static BoardMessage decodeReading(Reader in) throws ProtocolException {
    int channel = in.u8();
    Unit unit = Unit.fromCode(in.u8());
    int kind = in.u8();
    int raw = (int) in.u32();
    return switch (kind) {
      case 0 -> BoardMessage.Reading.ofInt(channel, unit, raw);
      case 1 -> BoardMessage.Reading.ofFloat(channel, unit, Float.intBitsToFloat(raw));
      default -> throw in.error("value kind must be 0 (int32) or 1 (float32), was " + kind);
    };
  }

  private static BoardCommand decodeCommand(Reader in) throws ProtocolException {
    int op = in.u8();
    int channel = in.u8();
    return switch (op) {
      case OP_SET_DIGITAL -> new BoardCommand.SetDigital(channel, in.u8() != 0);
      case OP_SET_PWM -> new BoardCommand.SetPwm(channel, in.u8());
      case OP_CONFIGURE -> {
        int bit = in.u8();
        ChannelMode mode = ChannelMode.fromBit(bit);
        if (bit != 0 && mode == null) {
          throw in.error("configure mode must be a single mode bit or 0, was 0x"
              + Integer.toHexString(bit));
        }
        int millis = in.u16();
        yield new BoardCommand.Configure(channel, mode, Duration.ofMillis(millis));
      }
      default -> throw in.error("unknown command op 0x" + Integer.toHexString(op));
    };
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    out.write(bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  private static void writeU16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xFF);
    out.write((v >>> 8) & 0xFF);
  }

  private static void writeU32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }

  /** Bounds-checked little-endian reader that names the message type in its errors. */
  private static final class Reader {
    private final MessageType type;
    private final byte[] data;
    private int pos;

    Reader(MessageType type, byte[] data) {
      this.type = type;
      this.data = data;
    }

    int u8() throws ProtocolException {
      if (pos >= data.length) {
        throw error("payload too short (" + data.length + " bytes)");
      }
      return data[pos++] & 0xFF;
    }

    int u16() throws ProtocolException {
      return u8() | u8() << 8;
    }

    long u32() throws ProtocolException {
      return (long) u16() | (long) u16() << 16;
    }

    String string() throws ProtocolException {
      int len = u8();
      if (pos + len > data.length) {
        throw error("string of " + len + " bytes runs past the payload end");
      }
      String s = new String(data, pos, len, StandardCharsets.US_ASCII);
      pos += len;
      return s;
    }

    void expectEnd() throws ProtocolException {
      if (pos != data.length) {
        throw error((data.length - pos) + " unexpected trailing bytes");
      }
    }

    <T> T wrap(java.util.function.Supplier<T> factory) throws ProtocolException {
      try {
        return factory.get();
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
    }

    ProtocolException error(String what) {
      return new ProtocolException(type + " payload: " + what);
    }
  }
}
