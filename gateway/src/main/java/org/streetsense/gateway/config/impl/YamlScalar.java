package org.streetsense.gateway.config.impl;

/**
 * A scalar value with the exact text written in the file.
 *
 * @param type how YAML resolved the plain scalar (quoted scalars are always {@link Type#STRING})
 * @param text the text as written (for example {@code 0x76}, {@code on}, {@code 250ms})
 */
public record YamlScalar(String path, int line, int column, Type type, String text)
    implements YamlNode {

  /** YAML's resolution of a scalar. */
  public enum Type {
    STRING("a string"),
    INTEGER("a number"),
    FLOAT("a number"),
    BOOLEAN("a boolean"),
    NULL("empty");

    private final String description;

    Type(String description) {
      this.description = description;
    }
  }

  @Override
  public String kind() {
    return type.description;
  }

  public boolean isNull() {
    return type == Type.NULL;
  }
}
