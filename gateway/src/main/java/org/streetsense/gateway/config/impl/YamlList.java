package org.streetsense.gateway.config.impl;

import java.util.List;

/** A YAML sequence; items keep their own paths ({@code devices[0]}, {@code devices[1]}...). */
public record YamlList(String path, int line, int column, List<YamlNode> items)
    implements YamlNode {

  public YamlList {
    items = List.copyOf(items);
  }

  @Override
  public String kind() {
    return "a list";
  }
}
