package org.streetsense.gateway.config.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.board.BoardModel;
import org.streetsense.gateway.board.BoardProtocol;
import org.streetsense.gateway.board.BoardSpec;
import org.streetsense.gateway.config.BackendKind;
import org.streetsense.gateway.config.HardwareSettings;

/** Reads {@code hardware} and {@code boards}. */
final class HardwareReader {

  private final Problems problems;

  HardwareReader(Problems problems) {
    this.problems = problems;
  }

  HardwareSettings hardware(YamlNode node) {
    Fields f = Fields.of(node, problems, "the hardware settings", "backend", "seed");
    if (f == null) {
      return null;
    }
    YamlNode backendNode = f.required("backend", "pi4j on a Raspberry Pi or simulated elsewhere");
    BackendKind backend = backendNode == null ? null
        : Values.choice(backendNode, problems, BackendKind.class, "hardware backend");
    Long seed = f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, "a seed", 0L);
    if (backend == BackendKind.PI4J && f.map().has("seed")) {
      Checks.forbid(f, "seed", "by the pi4j backend (only simulated runs are seeded)");
      return null;
    }
    return backend == null || seed == null ? null : new HardwareSettings(backend, seed);
  }

  /**
   * Reads the boards list; ids map to their specs in file order. Boards with problems are left
   * out (their problems are reported).
   */
  Map<String, BoardSpec> boards(YamlNode node) {
    Map<String, BoardSpec> boards = new LinkedHashMap<>();
    if (node == null) {
      return boards;
    }
    YamlList list = Values.list(node, problems, "a list of {id, port, protocol}");
    if (list == null) {
      return boards;
    }
    Map<String, Integer> lines = new LinkedHashMap<>();
    for (YamlNode item : list.items()) {
      BoardSpec board = board(item);
      if (board == null) {
        continue;
      }
      if (lines.containsKey(board.id())) {
        problems.at(((YamlMap) item).get("id"), "duplicate board id '" + board.id()
            + "'; already used on line " + lines.get(board.id()));
        continue;
      }
      lines.put(board.id(), item.line());
      boards.put(board.id(), board);
    }
    return boards;
  }

  /** Ids written in the boards list, even of boards with other problems. */
  static List<String> declaredIds(YamlNode node) {
    List<String> ids = new ArrayList<>();
    if (node instanceof YamlList) {
      for (YamlNode item : ((YamlList) node).items()) {
        if (item instanceof YamlMap && ((YamlMap) item).get("id") instanceof YamlScalar) {
          ids.add(((YamlScalar) ((YamlMap) item).get("id")).text());
        }
      }
    }
    return ids;
  }

  private BoardSpec board(YamlNode node) {
    int mark = problems.mark();
    Fields f = Fields.of(node, problems, "a board", "id", "port", "protocol", "baud",
        "model");
    if (f == null) {
      return null;
    }
    String id = Checks.slug(f, "id", "the board id", "uno-1");
    String port = f.requiredText("port", "the serial device, e.g. /dev/serial/by-id/usb-...");
    if (port != null && !port.startsWith("/")) {
      problems.at(f.node("port"), "'" + port + "' is not a device path; use an absolute path like "
          + "/dev/serial/by-id/usb-Arduino_Uno-if00 (stable across replug) or /dev/ttyACM0");
    }
    BoardProtocol protocol = f.choice("protocol", BoardProtocol.class, BoardProtocol::configName,
        "board protocol", BoardProtocol.STREETSENSE);
    Long baud = f.integer("baud", 300, 4_000_000, "a baud rate",
        protocol == null ? 0L : (long) BoardSpec.defaultBaud(protocol));
    BoardModel model = f.choice("model", BoardModel.class, BoardModel::configName, "board model",
        BoardModel.DEFAULT);
    if (problems.since(mark)) {
      return null;
    }
    return new BoardSpec(id, port, protocol, baud.intValue(), model);
  }
}
