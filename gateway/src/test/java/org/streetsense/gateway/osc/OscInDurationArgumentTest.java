package org.streetsense.gateway.osc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** OSC duration arguments become durations without overflow; the safety policy caps them. */
class OscInDurationArgumentTest {

  @Test
  void intsAndFloatsAreMilliseconds() {
    assertThat(OscIn.durationOf(300)).isEqualTo(Duration.ofMillis(300));
    assertThat(OscIn.durationOf(300.7f)).isEqualTo(Duration.ofMillis(300));
    assertThat(OscIn.durationOf(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(Integer.MAX_VALUE));
  }

  @Test
  void hugeValuesSaturateInsteadOfOverflowing() {
    assertThat(OscIn.durationOf(1e30f)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    assertThat(OscIn.durationOf(Float.POSITIVE_INFINITY)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    assertThat(OscIn.durationOf(Double.MAX_VALUE)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    assertThat(OscIn.durationOf(Long.MAX_VALUE)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
  }

  @Test
  void negativeAndNanDurationsAreNotDurations() {
    assertThat(OscIn.durationOf(-5)).isNull();
    assertThat(OscIn.durationOf(-0.5f)).isNull();
    assertThat(OscIn.durationOf(Float.NaN)).isNull();
    assertThat(OscIn.durationOf(Long.MIN_VALUE)).isNull();
  }
}
