package org.streetsense.gateway.spool;

import java.util.Objects;
import org.streetsense.gateway.pipeline.Gap;

/**
 * A gap queued durably for one sink, kept until the sink acknowledges it.
 *
 * @param id id within the sink's gap queue; pass it to {@link Spool#acknowledgeGap}
 * @param gap what was lost
 */
public record PendingGap(long id, Gap gap) {

  public PendingGap {
    Objects.requireNonNull(gap, "gap");
  }
}
