package org.streetsense.gateway.osc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DropLogTest {

  private final List<String> lines = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();
  private final DropLog log = new DropLog(lines::add, TimeUnit.SECONDS.toNanos(60), now::get);

  @Test
  void aFloodOfGarbageWritesOneLinePerIntervalWithTheCountsByReason() {
    log.dropped(OscDropReason.NOT_OSC, "byte 0: not OSC", "/127.0.0.1:5000");
    for (int i = 0; i < 10_000; i++) {
      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
      log.dropped(i % 2 == 0 ? OscDropReason.TRUNCATED : OscDropReason.TOO_DEEP, "detail " + i,
          "/127.0.0.1:5000");
    }
    assertThat(lines).containsExactly("OSC input dropped 1 datagram(s) since the last report "
        + "(not_osc=1); last: not_osc from /127.0.0.1:5000: byte 0: not OSC");

    log.flush();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo("OSC input dropped 10000 datagram(s) since the last report "
        + "(truncated=5000, too_deep=5000); last: too_deep from /127.0.0.1:5000: detail 9999");
    log.flush();
    assertThat(lines).as("nothing new, no line").hasSize(2);
  }

  @Test
  void theFirstDropAfterAQuietIntervalIsLoggedAtOnce() {
    log.dropped(OscDropReason.TOO_LARGE, "a", "x");
    now.addAndGet(TimeUnit.SECONDS.toNanos(61));
    log.dropped(OscDropReason.TOO_LARGE, "b", "x");
    assertThat(lines).hasSize(2);
  }
}
