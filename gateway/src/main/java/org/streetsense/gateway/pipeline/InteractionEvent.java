package org.streetsense.gateway.pipeline;

import java.util.Objects;

/**
 * Something a person did, derived from raw signals: a touch started or ended, presence entered
 * or left, a button was pressed, passers-by were counted.
 *
 * @param installation installation id
 * @param device device id
 * @param channel channel the event derives from (for example {@code electrode3})
 * @param type event type in snake case, for example {@code touch_start}, {@code touch_end},
 *     {@code presence_enter}, {@code press}, {@code double_press}, {@code passers_by}
 * @param value a number that goes with the type (touch duration in ms, a count); 0 if none
 * @param time when it happened (edge time, not processing time)
 * @param seq per-stream sequence number (0 until accepted)
 */
public record InteractionEvent(
    String installation,
    String device,
    String channel,
    String type,
    double value,
    ObservedTime time,
    long seq)
    implements Observation {

  public InteractionEvent {
    Objects.requireNonNull(installation, "installation");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
  }

  @Override
  public InteractionEvent withSeq(long newSeq) {
    return new InteractionEvent(installation, device, channel, type, value, time, newSeq);
  }

  @Override
  public InteractionEvent withTime(ObservedTime newTime) {
    return new InteractionEvent(installation, device, channel, type, value, newTime, seq);
  }
}
