package org.streetsense.gateway.spool;

/**
 * When appended records are forced to the storage device. The worst-case loss on power failure
 * is stated per policy; a process crash ({@code kill -9}) loses nothing under any policy, because
 * every accepted record has been handed to the kernel.
 *
 * <p>The one fsync type: the installation file's {@code spool.fsync} reads into it directly, by
 * {@link #configName()}.
 */
public enum FsyncPolicy {
  /** {@code FileChannel.force} before every append completes. Power loss loses nothing accepted. */
  ALWAYS,
  /**
   * Group commit (default): force every {@code groupCommitInterval} or every
   * {@code groupCommitRecords} records, whichever comes first. Power loss loses at most the
   * records appended since the last force: one interval or that many records.
   */
  GROUP,
  /**
   * Never force; the kernel writes back dirty pages (typically within 30 s on Linux). Power loss
   * loses up to the kernel's write-back window.
   */
  OS;

  /** The spelling in the installation file: {@code always}, {@code group} or {@code os}. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
