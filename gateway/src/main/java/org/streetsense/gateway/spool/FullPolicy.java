package org.streetsense.gateway.spool;

/** What the spool does when its byte cap is reached or the disk is full. */
public enum FullPolicy {
  /**
   * Default: delete the oldest segment; every record in it that a sink had not acknowledged is
   * counted per stream and reported to that sink as a {@code spool_full} gap.
   */
  DROP_OLDEST,
  /** Fail new appends with {@link SpoolFullException}; what is already spooled is kept. */
  REJECT_NEW
}
