package org.streetsense.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.streetsense.gateway.clock.TimeSource;

class ObservationFactoryTest {

  /**
   * A time source whose thread is preempted for 30 ms just before its first wall-clock read: the
   * wall time read belongs to a later instant than the monotonic time read before it.
   */
  private static final class PreemptedOnce implements TimeSource {
    private final long wallAtZero;
    private long mono;
    private int wallReads;

    PreemptedOnce(long wallAtZero, long mono) {
      this.wallAtZero = wallAtZero;
      this.mono = mono;
    }

    @Override
    public long wallMillis() {
      wallReads++;
      if (wallReads == 1) {
        mono += 30_000_000L;
      }
      return wallAtZero + mono / 1_000_000L;
    }

    @Override
    public long monotonicNanos() {
      return mono;
    }
  }

  @Test
  void aStampIsTheWallTimeOfItsMonotonicInstant() {
    ObservationFactory f =
        new ObservationFactory("inst", "dev", new FixedTime(1_700_000_000_000L, 5_000_000_000L));

    assertThat(f.timeAt(4_000_000_000L).epochMillis()).isEqualTo(1_699_999_999_000L);
    assertThat(f.timeAt(4_999_400_000L).epochMillis()).isEqualTo(1_699_999_999_999L);
  }

  @Test
  void aPairOfClockReadsInterruptedByPreemptionIsReadAgain() {
    long wallAtZero = 1_700_000_000_000L;
    ObservationFactory f =
        new ObservationFactory("inst", "dev", new PreemptedOnce(wallAtZero, 2_000_000_000L));

    // The instant 1 s before the first read: its wall time is wallAtZero + 1000 ms whatever
    // happened between the reads.
    assertThat(f.timeAt(1_000_000_000L).epochMillis()).isEqualTo(wallAtZero + 1_000L);
  }

  private record FixedTime(long wallMillis, long monotonicNanos) implements TimeSource {}
}
