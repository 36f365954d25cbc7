package org.streetsense.gateway.osc;

import java.util.Locale;

/**
 * Why the OSC input dropped a datagram, whole (a bundle is never half-executed). Every reason is
 * counted, as {@code streetsense_osc_dropped_total{reason}} with the wire name.
 */
public enum OscDropReason {
  /** Larger than {@link OscInOptions#maxDatagramBytes()}. */
  TOO_LARGE,
  /** Empty, or neither a message (starts with {@code /}) nor a bundle ({@code #bundle}). */
  NOT_OSC,
  /** The data ends inside a fixed-size field: an argument, a time tag, a size, padding. */
  TRUNCATED,
  /** A string (address, type tags, string argument) without its terminating zero byte. */
  UNTERMINATED_STRING,
  /** A blob length or bundle element size that is negative or larger than what is left. */
  BAD_LENGTH,
  /** A type tag the decoder does not know (arrays {@code [ ]} included). */
  UNKNOWN_TYPE_TAG,
  /** An address OSC does not allow (no leading {@code /}, {@code //}, spaces, wildcards). */
  BAD_ADDRESS,
  /** Bundles nested deeper than {@link OscInOptions#maxBundleDepth()}. */
  TOO_DEEP,
  /** More messages in one datagram than {@link OscInOptions#maxMessagesPerDatagram()}. */
  TOO_MANY_MESSAGES,
  /** Handling the datagram failed inside the gateway (a bug; logged with its cause). */
  INTERNAL_ERROR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
