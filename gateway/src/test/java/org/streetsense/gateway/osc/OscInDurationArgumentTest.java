package org.streetsense.gateway.osc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * OSC arguments: durations become durations without overflow (the safety policy caps them);
 * float32 values are read as the sender wrote them.
 */
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

  @Test
  void aFloat32ValueIsReadAsTheDecimalTheSenderWrote() {
    assertThat(OscIn.valueOf(0.8f)).isEqualTo(0.8);
    assertThat(OscIn.valueOf(0.3f)).isEqualTo(0.3);
    assertThat(OscIn.valueOf(0.8d)).isEqualTo(0.8);
    assertThat(OscIn.valueOf(1)).isEqualTo(1.0);
    assertThat(OscIn.valueOf(Float.NaN)).isNaN();
    assertThat(OscIn.valueOf(Float.POSITIVE_INFINITY)).isInfinite();
  }
}
