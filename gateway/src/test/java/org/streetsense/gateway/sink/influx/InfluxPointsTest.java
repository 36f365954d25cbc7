package org.streetsense.gateway.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

class InfluxPointsTest {

  private static final long MS = 1_780_000_000_123L;

  @Test
  void readingHasSortedTagsFloatValueIntegerSeqAndSeqInTheNanoseconds() {
    Reading r = new Reading("plaza", "bme280", "temperature", 21.0, "degC", Quality.GOOD,
        new ObservedTime(MS, 5, true), 42);
    assertThat(InfluxPoints.of(r, "north").toLineProtocol()).isEqualTo(
        "reading,channel=temperature,device=bme280,installation=plaza,quality=good,site=north,"
            + "unit=degC clock_trusted=true,seq=42i,value=21.0 " + (MS * 1_000_000 + 42));
  }

  @Test
  void twoEventsOfOneStreamInTheSameMillisecondGetDistinctTimestamps() {
    InteractionEvent a = event(7);
    InteractionEvent b = event(8);
    assertThat(InfluxPoints.of(a, "").toLineProtocol())
        .startsWith("event,channel=e3,device=mpr121,installation=plaza,type=touch_start ")
        .contains("value=0.0")
        .isNotEqualTo(InfluxPoints.of(b, "").toLineProtocol());
    assertThat(InfluxPoints.timestampNanos(MS, 1_000_007)).isEqualTo(MS * 1_000_000 + 7);
  }

  @Test
  void gapUsesIntegerFieldsOnly() {
    Gap g = new Gap("plaza", "bme280", "temperature", 10, 19, 10, "spool_full", MS, MS + 9);
    assertThat(InfluxPoints.of(g, "").toLineProtocol()).isEqualTo(
        "gap,channel=temperature,device=bme280,installation=plaza,reason=spool_full "
            + "count=10i,first_seq=10i,from_ms=" + MS + "i,last_seq=19i,to_ms=" + (MS + 9) + "i "
            + ((MS + 9) * 1_000_000 + 10));
  }

  @Test
  void optionsNameWhatIsMissingAndHideSecrets() {
    assertThatThrownBy(() -> InfluxSinkOptions.builder("http://x").v1(null, null, null).build())
        .hasMessageContaining("database");
    assertThatThrownBy(() -> InfluxSinkOptions.builder("influx:8086").v2("o", "b", "t").build())
        .hasMessageContaining("http://");
    InfluxSinkOptions o = InfluxSinkOptions.builder("http://x").v2("o", "b", "s3cret").build();
    assertThat(o.toString()).doesNotContain("s3cret");
  }

  private static InteractionEvent event(long seq) {
    return new InteractionEvent("plaza", "mpr121", "e3", "touch_start", 0,
        new ObservedTime(MS, 1, true), seq);
  }
}
