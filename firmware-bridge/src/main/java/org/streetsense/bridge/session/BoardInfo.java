package org.streetsense.bridge.session;

import java.util.Objects;
import java.util.Optional;
import org.streetsense.bridge.protocol.BoardMessage;

/** What a board said about itself: its HELLO and its CAPABILITIES. */
public record BoardInfo(BoardMessage.Hello hello, BoardMessage.Capabilities capabilities) {

  public BoardInfo {
    Objects.requireNonNull(hello, "hello");
    Objects.requireNonNull(capabilities, "capabilities");
  }

  public String boardId() {
    return hello.boardId();
  }

  /** The channel with this name ("A0", "D13", "hcsr04"), if the board has it. */
  public Optional<BoardMessage.Channel> channel(String name) {
    return capabilities.channels().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<BoardMessage.Channel> channel(int id) {
    return capabilities.channels().stream().filter(c -> c.id() == id).findFirst();
  }
}
