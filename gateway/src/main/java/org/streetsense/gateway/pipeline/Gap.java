package org.streetsense.gateway.pipeline;

import java.util.Objects;

/**
 * Observations of one stream that were accepted and then lost, reported upstream as data so a
 * backend can tell a gap from silence.
 *
 * @param installation installation id
 * @param device device id of the stream
 * @param channel channel of the stream
 * @param firstSeq first lost sequence number (inclusive)
 * @param lastSeq last lost sequence number (inclusive)
 * @param count how many observations were lost in that range (may be less than the range when
 *     some within it were delivered; 0 for reason {@code unused})
 * @param reason why: {@code spool_full}, {@code expired}, {@code corrupt}, {@code disk_full}, or
 *     {@code unused} (numbers skipped after a crash, never assigned: nothing lost)
 * @param fromMillis wall-clock time of the first lost observation
 * @param toMillis wall-clock time of the last lost observation
 */
public record Gap(
    String installation,
    String device,
    String channel,
    long firstSeq,
    long lastSeq,
    long count,
    String reason,
    long fromMillis,
    long toMillis) {

  public Gap {
    Objects.requireNonNull(installation, "installation");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(reason, "reason");
    if (firstSeq > lastSeq) {
      throw new IllegalArgumentException("firstSeq " + firstSeq + " > lastSeq " + lastSeq);
    }
    if (count < 0 || count > lastSeq - firstSeq + 1) {
      throw new IllegalArgumentException("count must be 0.." + (lastSeq - firstSeq + 1)
          + " (the range's size), was " + count);
    }
  }
}
