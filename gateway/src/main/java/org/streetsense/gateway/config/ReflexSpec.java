package org.streetsense.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One local rule of {@code reflexes}: when the trigger fires, run the actions.
 *
 * @param name unique slug, used in command ids and logs
 * @param when the trigger
 * @param every run on every n-th firing only, >= 1 (default 1)
 * @param cooldown ignore firings for this long after the actions ran (default 0s)
 * @param actions what to do, in order; at least one
 */
public record ReflexSpec(String name, ReflexWhen when, int every, Duration cooldown,
    List<ReflexStep> actions) {

  public ReflexSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(cooldown, "cooldown");
    actions = List.copyOf(actions);
    if (every < 1) {
      throw new IllegalArgumentException(name + ": every must be >= 1, was " + every);
    }
    if (actions.isEmpty()) {
      throw new IllegalArgumentException(name + ": a reflex needs at least one action");
    }
  }
}
