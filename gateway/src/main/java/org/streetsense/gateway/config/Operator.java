package org.streetsense.gateway.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Who runs an installation, shown on the public page and in open-data metadata.
 *
 * @param name organisation or person
 * @param contact e-mail address or URL for questions
 */
public record Operator(String name, Optional<String> contact) {

  public Operator {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contact, "contact");
  }
}
