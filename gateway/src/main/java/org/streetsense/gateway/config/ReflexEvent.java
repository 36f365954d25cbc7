package org.streetsense.gateway.config;

/** Interaction event types a reflex can wait for ({@code reflexes[].when.event}). */
public enum ReflexEvent implements ConfigName {
  TOUCH_START("touch_start"),
  TOUCH_END("touch_end"),
  PRESENCE_ENTER("presence_enter"),
  PRESENCE_LEAVE("presence_leave"),
  PRESS("press"),
  RELEASE("release"),
  HOLD("hold"),
  DOUBLE_PRESS("double_press"),
  PASSERS_BY("passers_by");

  private final String configName;

  ReflexEvent(String configName) {
    this.configName = configName;
  }

  /** The snake-case event type, as the pipeline's interaction events spell it. */
  @Override
  public String configName() {
    return configName;
  }
}
