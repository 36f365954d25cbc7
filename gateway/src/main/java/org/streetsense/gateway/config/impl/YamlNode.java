package org.streetsense.gateway.config.impl;

/**
 * A node of a parsed installation file that remembers where it came from.
 *
 * <p>Jackson's {@code JsonNode} drops source positions, so the loader builds this small tree from
 * the YAML parser's tokens instead. Lines and columns are 1-based.
 */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

  /** Path from the document root, for example {@code devices[2].pin}; empty for the root. */
  String path();

  /** 1-based line where the node starts. */
  int line();

  /** 1-based column where the node starts. */
  int column();

  /** Short description of the node's kind for messages: "a map", "a list", "a number"... */
  String kind();
}
