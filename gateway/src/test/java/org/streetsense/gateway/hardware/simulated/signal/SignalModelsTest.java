package org.streetsense.gateway.hardware.simulated.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SignalModelsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void steadyAlwaysReturnsItsValue() {
    SignalModel steady = SignalModel.steady(21.5);

    assertThat(steady.valueAt(0)).isEqualTo(21.5);
    assertThat(steady.valueAt(Long.MAX_VALUE)).isEqualTo(21.5);
  }

  @Test
  void noiseIsReproducibleBySeedAndCentredOnItsBase() {
    List<Double> first = sample(() -> Noise.around(50, 2, 11), 10_000);
    List<Double> again = sample(() -> Noise.around(50, 2, 11), 10_000);
    List<Double> other = sample(() -> Noise.around(50, 2, 12), 10_000);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    double mean = first.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance =
        first.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElseThrow();
    assertThat(mean).isCloseTo(50, within(0.1));
    assertThat(Math.sqrt(variance)).isCloseTo(2, within(0.1));
  }

  @Test
  void randomWalkIsReproducibleAndNeverLeavesItsBounds() {
    Supplier<SignalModel> walk =
        () ->
            RandomWalk.builder()
                .bounds(400, 2000)
                .start(420)
                .stepSigma(50, Duration.ofSeconds(1))
                .seed(3)
                .build();
    List<Double> first = sample(walk, 20_000);

    assertThat(sample(walk, 20_000)).isEqualTo(first);
    assertThat(first).allSatisfy(v -> assertThat(v).isBetween(400.0, 2000.0));
    assertThat(first.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
        .as("it does walk")
        .isGreaterThan(600);
  }

  @Test
  void randomWalkRejectsEmptyBounds() {
    assertThatThrownBy(() -> RandomWalk.builder().bounds(5, 5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min < max");
  }

  @Test
  void dayCyclePeaksAtItsPeakTimeAndBottomsOutTwelveHoursLater() {
    DayCycle light =
        DayCycle.builder()
            .range(0, 20_000)
            .peakAt(LocalTime.of(13, 0))
            .zone(ZoneOffset.ofHours(1))
            .build();

    assertThat(light.valueAt(epochNanos("2026-06-01T12:00:00Z"))).isCloseTo(20_000, within(1e-6));
    assertThat(light.valueAt(epochNanos("2026-06-02T00:00:00Z"))).isCloseTo(0, within(1e-6));
    assertThat(light.valueAt(epochNanos("2026-06-01T06:00:00Z"))).isCloseTo(10_000, within(1e-6));
    for (long t = epochNanos("2026-06-01T00:00:00Z"); t < epochNanos("2026-06-02T00:00:00Z");
        t += 60 * SECOND) {
      assertThat(light.valueAt(t)).isBetween(0.0, 20_000.0);
    }
  }

  @Test
  void poissonArrivalsAreReproducibleBySeedAndMatchTheRate() {
    PoissonArrivals first = new PoissonArrivals(2.0, Duration.ofSeconds(5), 0, 99);
    PoissonArrivals again = new PoissonArrivals(2.0, Duration.ofSeconds(5), 0, 99);
    long tenHours = Duration.ofHours(10).toNanos();

    List<Long> arrivals = first.takeUntil(tenHours);

    assertThat(again.takeUntil(tenHours)).isEqualTo(arrivals);
    assertThat(new PoissonArrivals(2.0, Duration.ofSeconds(5), 0, 100).takeUntil(tenHours))
        .isNotEqualTo(arrivals);
    assertThat(arrivals).isSorted().allSatisfy(t -> assertThat(t).isBetween(1L, tenHours));
    assertThat(arrivals.size()).as("about 2 per minute over 600 minutes").isBetween(1080, 1320);
  }

  @Test
  void poissonPresenceIsOneWithinDwellAfterAnArrival() {
    PoissonArrivals pir = new PoissonArrivals(1.0, Duration.ofSeconds(5), 0, 5);
    long firstArrival = new PoissonArrivals(1.0, Duration.ofSeconds(5), 0, 5).next();

    assertThat(pir.valueAt(firstArrival - 1)).isZero();
    assertThat(pir.valueAt(firstArrival)).isEqualTo(1.0);
    assertThat(pir.valueAt(firstArrival + 4 * SECOND)).isEqualTo(1.0);
    long after = firstArrival + 5 * SECOND;
    double expected = pir.peek() <= after ? 1.0 : 0.0;
    assertThat(pir.valueAt(after)).isEqualTo(expected);
  }

  @Test
  void poissonRejectsANonPositiveRate() {
    assertThatThrownBy(() -> new PoissonArrivals(0, Duration.ZERO, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratePerMinute must be finite and > 0");
  }

  private static List<Double> sample(Supplier<? extends SignalModel> factory, int count) {
    SignalModel model = factory.get();
    List<Double> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(model.valueAt(i * SECOND));
    }
    return values;
  }

  private static long epochNanos(String instant) {
    return Instant.parse(instant).toEpochMilli() * 1_000_000L;
  }
}
