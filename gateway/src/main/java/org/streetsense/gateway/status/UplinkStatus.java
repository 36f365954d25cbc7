package org.streetsense.gateway.status;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * State of the MQTT uplink and the spool behind it.
 *
 * @param connected whether the broker connection is up now
 * @param brokerUrl broker URL; any user-info part is removed by the constructor, so credentials
 *     can never reach a page
 * @param backlogDepth observations accepted but not yet acknowledged by the broker
 * @param spoolFill how full the spool is, 0..1 of its configured cap
 * @param oldestUnsentAge age of the oldest unsent observation; {@link Duration#ZERO} when none
 * @param dropsByReason observations lost, by reason ({@code spool_full}, {@code expired},
 *     {@code corrupt}, {@code disk_full})
 * @param reconnects reconnections since the gateway started
 * @param replayInProgress whether a backlog is being replayed now
 * @param replayProgress 0..1 of the backlog replayed; 0 when no replay runs
 * @param takeover whether a client-id takeover is probable: the broker keeps ending the
 *     gateway's sessions soon after accepting them, as it does when another client connects with
 *     the same MQTT client id
 */
public record UplinkStatus(
    boolean connected,
    String brokerUrl,
    long backlogDepth,
    double spoolFill,
    Duration oldestUnsentAge,
    Map<String, Long> dropsByReason,
    long reconnects,
    boolean replayInProgress,
    double replayProgress,
    boolean takeover) {

  /** A status without a suspected client-id takeover. */
  public UplinkStatus(boolean connected, String brokerUrl, long backlogDepth, double spoolFill,
      Duration oldestUnsentAge, Map<String, Long> dropsByReason, long reconnects,
      boolean replayInProgress, double replayProgress) {
    this(connected, brokerUrl, backlogDepth, spoolFill, oldestUnsentAge, dropsByReason,
        reconnects, replayInProgress, replayProgress, false);
  }

  public UplinkStatus {
    brokerUrl = withoutCredentials(Objects.requireNonNull(brokerUrl, "brokerUrl"));
    Objects.requireNonNull(oldestUnsentAge, "oldestUnsentAge");
    dropsByReason = Map.copyOf(Objects.requireNonNull(dropsByReason, "dropsByReason"));
    if (backlogDepth < 0) {
      throw new IllegalArgumentException("backlogDepth must be >= 0, was " + backlogDepth);
    }
    if (!(spoolFill >= 0 && spoolFill <= 1)) {
      throw new IllegalArgumentException("spoolFill must be within 0..1, was " + spoolFill);
    }
    if (!(replayProgress >= 0 && replayProgress <= 1)) {
      throw new IllegalArgumentException(
          "replayProgress must be within 0..1, was " + replayProgress);
    }
  }

  /** Total observations dropped, over all reasons. */
  public long totalDrops() {
    return dropsByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@code url} with any {@code user:password@} part removed. */
  static String withoutCredentials(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    try {
      URI uri = new URI(url);
      if (uri.getRawUserInfo() != null && uri.getHost() != null) {
        return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(),
            uri.getQuery(), uri.getFragment()).toString();
      }
    } catch (URISyntaxException e) {
      // fall through to the plain cut below
    }
    return url.substring(0, scheme + 3) + url.substring(at + 1);
  }
}
