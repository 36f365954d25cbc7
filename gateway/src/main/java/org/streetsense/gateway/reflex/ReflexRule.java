package org.streetsense.gateway.reflex;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A local rule: when the trigger fires, run the actions. Works offline.
 *
 * @param name rule name, unique; used in command ids and logs
 * @param trigger what sets it off
 * @param every run the actions on every n-th firing only (a counter; 1 = every time)
 * @param cooldown ignore firings for this long after the actions ran
 * @param actions what to do, in order
 */
public record ReflexRule(String name, ReflexTrigger trigger, int every, Duration cooldown, List<ReflexAction> actions) {

  public ReflexRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(cooldown, "cooldown");
    actions = List.copyOf(actions);
    if (every < 1) {
      throw new IllegalArgumentException("reflex '" + name + "': every must be >= 1, was " + every);
    }
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("reflex '" + name + "' has no actions");
    }
  }
}
