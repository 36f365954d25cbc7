package org.streetsense.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.driver.testing.ManualScheduler;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

class ChannelProcessorTest {

  private static final long MS = 1_000_000L;
  private final ManualScheduler time = new ManualScheduler();
  private final ObservationFactory factory = new ObservationFactory("square", "dev", time);

  private ChannelProcessor processor(ChannelOptions o) {
    return new ChannelProcessor(o, "V", factory);
  }

  private static List<Reading> readings(List<Observation> obs) {
    return obs.stream().filter(Reading.class::isInstance).map(Reading.class::cast).toList();
  }

  private static List<InteractionEvent> events(List<Observation> obs) {
    return obs.stream().filter(InteractionEvent.class::isInstance)
        .map(InteractionEvent.class::cast).toList();
  }

  @Test
  void appliesCalibrationAndUnit() {
    ChannelProcessor p =
        processor(ChannelOptions.builder("knob").unit("%").calibration(100 / 3.3, 0).build());
    Reading r = readings(p.accept(1.65, Quality.GOOD, 0)).get(0);
    assertThat(r.value()).isCloseTo(50.0, within(1e-9));
    assertThat(r.unit()).isEqualTo("%");
    assertThat(r.seq()).isZero();
    assertThat(r.channel()).isEqualTo("knob");
    assertThat(r.time().clockTrusted()).isTrue();
  }

  @Test
  void flagsOutOfRangeAsSuspectNotGood() {
    ChannelProcessor p = processor(ChannelOptions.builder("t").range(-40, 85).build());
    assertThat(readings(p.accept(150, Quality.GOOD, 0)).get(0).quality())
        .isEqualTo(Quality.SUSPECT);
    assertThat(readings(p.accept(20, Quality.GOOD, MS)).get(0).quality()).isEqualTo(Quality.GOOD);
  }

  @Test
  void publishesFaultAsNaN() {
    ChannelProcessor p = processor(ChannelOptions.defaults("t"));
    Reading r = readings(p.accept(12, Quality.FAULT, 0)).get(0);
    assertThat(r.quality()).isEqualTo(Quality.FAULT);
    assertThat(r.value()).isNaN();
  }

  @Test
  void reportsByExceptionWithDeadbandQualityChangeAndHeartbeat() {
    ChannelProcessor p = processor(ChannelOptions.builder("t")
        .report(ReportOptions.deadband(0.5, Duration.ofSeconds(10))).build());
    List<Reading> out = new ArrayList<>();
    out.addAll(readings(p.accept(20.0, Quality.GOOD, 0)));
    out.addAll(readings(p.accept(20.3, Quality.GOOD, 1000 * MS)));
    out.addAll(readings(p.accept(20.6, Quality.GOOD, 2000 * MS)));
    out.addAll(readings(p.accept(Double.NaN, Quality.FAULT, 3000 * MS)));
    out.addAll(readings(p.accept(Double.NaN, Quality.FAULT, 4000 * MS)));
    out.addAll(readings(p.accept(20.6, Quality.GOOD, 5000 * MS)));
    out.addAll(readings(p.accept(20.7, Quality.GOOD, 15_000 * MS)));
    assertThat(out).extracting(Reading::quality).containsExactly(
        Quality.GOOD, Quality.GOOD, Quality.FAULT, Quality.GOOD, Quality.GOOD);
    assertThat(out.get(1).value()).isEqualTo(20.6);
    assertThat(out.get(4).value()).isEqualTo(20.7);
  }

  @Test
  void smoothsWithEmaAndIgnoresSuspectSamples() {
    ChannelProcessor p = processor(ChannelOptions.builder("s").range(0, 100)
        .smoothing(SmoothingOptions.ema(0.5)).build());
    assertThat(readings(p.accept(10, Quality.GOOD, 0)).get(0).value()).isEqualTo(10);
    assertThat(readings(p.accept(1000, Quality.GOOD, MS)).get(0).quality())
        .isEqualTo(Quality.SUSPECT);
    assertThat(readings(p.accept(20, Quality.GOOD, 2 * MS)).get(0).value()).isEqualTo(15);
  }

  @Test
  void aMovingMedianDropsASingleSpike() {
    ChannelProcessor p = processor(ChannelOptions.builder("s")
        .smoothing(SmoothingOptions.movingMedian(3)).build());
    p.accept(3, Quality.GOOD, 0);
    p.accept(4, Quality.GOOD, MS);
    assertThat(readings(p.accept(500, Quality.GOOD, 2 * MS)).get(0).value()).isEqualTo(4);
    assertThat(readings(p.accept(5, Quality.GOOD, 3 * MS)).get(0).value()).isEqualTo(5);
  }

  @Test
  void smoothsWithMovingMean() {
    ChannelProcessor p = processor(ChannelOptions.builder("s")
        .smoothing(SmoothingOptions.movingMean(3)).build());
    p.accept(3, Quality.GOOD, 0);
    p.accept(6, Quality.GOOD, MS);
    p.accept(9, Quality.GOOD, 2 * MS);
    assertThat(readings(p.accept(12, Quality.GOOD, 3 * MS)).get(0).value()).isEqualTo(9);
  }

  @Test
  void flagsStuckValueAfterRepeatedIdenticalSamples() {
    ChannelProcessor p = processor(ChannelOptions.builder("t").stuckAfter(3).build());
    assertThat(readings(p.accept(21.37, Quality.GOOD, 0)).get(0).quality()).isEqualTo(Quality.GOOD);
    assertThat(readings(p.accept(21.37, Quality.GOOD, MS)).get(0).quality()).isEqualTo(Quality.GOOD);
    assertThat(readings(p.accept(21.37, Quality.GOOD, 2 * MS)).get(0).quality())
        .isEqualTo(Quality.SUSPECT);
    assertThat(readings(p.accept(21.38, Quality.GOOD, 3 * MS)).get(0).quality())
        .isEqualTo(Quality.GOOD);
  }

  @Test
  void aggregatesOnlyTheDeclaredFunctionsIncludingSumAndLast() {
    ChannelProcessor p = processor(ChannelOptions.builder("noise").report(ReportOptions.NEVER)
        .aggregate(new AggregateOptions(Duration.ofSeconds(10), java.util.EnumSet.of(
            AggregateOptions.Function.SUM, AggregateOptions.Function.LAST,
            AggregateOptions.Function.MAX))).build());
    p.accept(1, Quality.GOOD, 0);
    p.accept(5, Quality.GOOD, 3000 * MS);
    p.accept(3, Quality.GOOD, 9000 * MS);
    List<Reading> window = readings(p.tick(10_000 * MS));
    assertThat(window).extracting(Reading::channel)
        .containsExactly("noise_max", "noise_sum", "noise_last");
    assertThat(window).extracting(Reading::value).containsExactly(5.0, 9.0, 3.0);
    assertThat(readings(p.tick(20_000 * MS))).as("no count asked, nothing for an empty window")
        .isEmpty();
  }

  @Test
  void aggregatesCountMinMaxMeanPerWindow() {
    ChannelProcessor p = processor(ChannelOptions.builder("noise").report(ReportOptions.NEVER)
        .aggregate(new AggregateOptions(Duration.ofSeconds(10))).build());
    p.accept(1, Quality.GOOD, 0);
    p.accept(5, Quality.GOOD, 3000 * MS);
    p.accept(99, Quality.SUSPECT, 4000 * MS);
    p.accept(3, Quality.GOOD, 9000 * MS);
    List<Reading> window = readings(p.tick(10_000 * MS));
    assertThat(window).extracting(Reading::channel)
        .containsExactly("noise_count", "noise_min", "noise_max", "noise_mean");
    assertThat(window).extracting(Reading::value).containsExactly(3.0, 1.0, 5.0, 3.0);
    assertThat(window.get(0).time().monotonicNanos()).isEqualTo(10_000 * MS);
    List<Reading> empty = readings(p.tick(20_000 * MS));
    assertThat(empty).extracting(Reading::channel).containsExactly("noise_count");
    assertThat(empty.get(0).value()).isZero();
  }

  @Test
  void presenceEntersAndLeavesWithHysteresisAndMinimumDuration() {
    ChannelProcessor p = processor(ChannelOptions.builder("distance_inv").report(ReportOptions.NEVER)
        .presence(HysteresisOptions.presence(0.6, 0.4, Duration.ofMillis(200))).build());
    List<InteractionEvent> ev = new ArrayList<>();
    ev.addAll(events(p.accept(0.7, Quality.GOOD, 0)));
    ev.addAll(events(p.accept(0.5, Quality.GOOD, 100 * MS)));
    ev.addAll(events(p.accept(0.7, Quality.GOOD, 200 * MS)));
    ev.addAll(events(p.accept(0.65, Quality.GOOD, 400 * MS)));
    ev.addAll(events(p.accept(0.5, Quality.GOOD, 1000 * MS)));
    ev.addAll(events(p.accept(0.3, Quality.GOOD, 2000 * MS)));
    ev.addAll(events(p.accept(0.3, Quality.GOOD, 2300 * MS)));
    assertThat(ev).extracting(InteractionEvent::type)
        .containsExactly("presence_enter", "presence_leave");
    assertThat(ev.get(0).time().monotonicNanos()).isEqualTo(200 * MS);
    assertThat(ev.get(1).time().monotonicNanos()).isEqualTo(2000 * MS);
    assertThat(ev.get(1).value()).isEqualTo(1800.0);
  }

  @Test
  void presenceBelowEntersWhenTheValueFallsToEnterAndLeavesWhenItRisesToLeave() {
    ChannelProcessor p = processor(ChannelOptions.builder("distance").report(ReportOptions.NEVER)
        .presence(HysteresisOptions.presence(800, 1200, Duration.ZERO)).build());
    List<InteractionEvent> ev = new ArrayList<>();
    ev.addAll(events(p.accept(2000, Quality.GOOD, 0)));
    ev.addAll(events(p.accept(700, Quality.GOOD, 100 * MS)));
    ev.addAll(events(p.accept(1000, Quality.GOOD, 200 * MS)));
    ev.addAll(events(p.accept(600, Quality.GOOD, 300 * MS)));
    ev.addAll(events(p.accept(1300, Quality.GOOD, 900 * MS)));
    assertThat(ev).extracting(InteractionEvent::type)
        .containsExactly("presence_enter", "presence_leave");
    assertThat(ev.get(0).time().monotonicNanos()).isEqualTo(100 * MS);
    assertThat(ev.get(1).value()).isEqualTo(800.0);
  }

  @Test
  void touchStartAndEndCarryDuration() {
    ChannelProcessor p = processor(ChannelOptions.builder("electrode3").report(ReportOptions.NEVER)
        .touch(HysteresisOptions.touch(0.5, 0.5)).build());
    List<InteractionEvent> ev = new ArrayList<>();
    ev.addAll(events(p.accept(0, Quality.GOOD, 0)));
    ev.addAll(events(p.accept(1, Quality.GOOD, 100 * MS)));
    ev.addAll(events(p.accept(1, Quality.GOOD, 200 * MS)));
    ev.addAll(events(p.accept(0, Quality.GOOD, 850 * MS)));
    assertThat(ev).extracting(InteractionEvent::type).containsExactly("touch_start", "touch_end");
    assertThat(ev.get(1).value()).isEqualTo(750.0);
    assertThat(ev.get(1).channel()).isEqualTo("electrode3");
  }

  @Test
  void countsPassersByPerWindowIncludingEmptyWindows() {
    ChannelProcessor p = processor(ChannelOptions.builder("motion").report(ReportOptions.NEVER)
        .passersBy(new PassersByOptions(Duration.ofMinutes(1),
            HysteresisOptions.presence(1, 0, Duration.ZERO))).build());
    long t = 0;
    List<InteractionEvent> ev = new ArrayList<>();
    for (int person = 0; person < 3; person++) {
      ev.addAll(events(p.accept(1, Quality.GOOD, t)));
      ev.addAll(events(p.accept(0, Quality.GOOD, t + 2000 * MS)));
      t += 10_000 * MS;
    }
    ev.addAll(events(p.tick(60_000 * MS)));
    ev.addAll(events(p.tick(120_000 * MS)));
    assertThat(ev).extracting(InteractionEvent::type).containsOnly("passers_by");
    assertThat(ev).extracting(InteractionEvent::value).containsExactly(3.0, 0.0);
  }

  @Test
  void rejectsInvalidOptionsWithNamedMessages() {
    assertThatThrownBy(() -> SmoothingOptions.ema(0)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> new ValueRange(5, 1)).hasMessageContaining("range");
    assertThatThrownBy(() -> new ValueRange(5, 5)).as("a range of one value is refused")
        .hasMessageContaining("range min 5.0 must be below max 5.0");
    assertThatThrownBy(() -> new ValueRange(Double.NaN, 5)).hasMessageContaining("range");
    assertThatThrownBy(() -> HysteresisOptions.presence(Double.NaN, 0.5, Duration.ZERO))
        .hasMessageContaining("enterAt NaN");
    assertThatThrownBy(() -> new Calibration(0, 1)).hasMessageContaining("scale");
    assertThatThrownBy(() -> ReportOptions.deadband(-1, Duration.ZERO))
        .hasMessageContaining("deadband");
  }

  @Test
  void stampsWallTimeFromMonotonicEdgeTime() {
    time.advance(Duration.ofSeconds(5));
    long edge = time.monotonicNanos() - 2000 * MS;
    InteractionEvent e = factory.event("b", "press", 0, edge);
    assertThat(e.time().epochMillis()).isEqualTo(time.wallMillis() - 2000);
    assertThat(e.time().monotonicNanos()).isEqualTo(edge);
  }
}
