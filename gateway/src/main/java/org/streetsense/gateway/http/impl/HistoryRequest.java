package org.streetsense.gateway.http.impl;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import org.streetsense.gateway.status.ChannelInfo;

/**
 * A validated history export request.
 *
 * @param channel the public channel to export
 * @param from start, inclusive
 * @param to end, exclusive
 * @param limit most points to return
 */
record HistoryRequest(ChannelInfo channel, Instant from, Instant to, int limit) {

  /** Range used when {@code from} is not given: the last 24 hours before {@code to}. */
  static final Duration DEFAULT_RANGE = Duration.ofDays(1);

  /**
   * Parses {@code channel} (required, {@code device/channel}, public), {@code from} and {@code
   * to} (optional; default the last 24 hours, capped by {@code maxRange}), and {@code limit}
   * (optional, 1..maxPoints).
   *
   * @throws BadParameterException naming the parameter that is missing or malformed
   * @throws UnknownChannelException if the channel is unknown or not public
   */
  static HistoryRequest parse(MultiMap params, PublicView view, Duration maxRange, int maxPoints,
      Instant now) {
    String key = params.get("channel");
    if (key == null || key.isBlank()) {
      throw new BadParameterException("channel",
          "'channel' is required, as device/channel, for example air-1/temperature");
    }
    if (key.indexOf('/') < 1 || key.endsWith("/")) {
      throw new BadParameterException("channel",
          "'channel' must be device/channel, was '" + TimeParams.shorten(key) + "'");
    }
    ChannelInfo channel = view.channel(key).orElseThrow(() -> new UnknownChannelException(key));
    String toText = params.get("to");
    String fromText = params.get("from");
    Instant to = toText == null ? now : TimeParams.instant("to", toText);
    Duration defaultRange = DEFAULT_RANGE.compareTo(maxRange) < 0 ? DEFAULT_RANGE : maxRange;
    Instant from = fromText == null ? to.minus(defaultRange) : TimeParams.instant("from", fromText);
    if (from.isAfter(to)) {
      throw new BadParameterException("from", "'from' (" + from + ") is after 'to' (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(maxRange) > 0) {
      throw new BadParameterException("from", "the range from 'from' to 'to' is longer than "
          + TimeParams.human(maxRange) + "; narrow it or export in parts");
    }
    int limit = maxPoints;
    String limitText = params.get("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText.strip());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > maxPoints) {
        throw new BadParameterException("limit", "'limit' must be a whole number within 1.."
            + maxPoints + ", was '" + TimeParams.shorten(limitText) + "'");
      }
    }
    return new HistoryRequest(channel, from, to, limit);
  }

  /** The channel was not found among the public channels (unknown and private look alike). */
  static final class UnknownChannelException extends RuntimeException {
    private final String key;

    UnknownChannelException(String key) {
      super("no public channel '" + TimeParams.shorten(key) + "'", null, false, false);
      this.key = key;
    }

    String key() {
      return key;
    }
  }
}
