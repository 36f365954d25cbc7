package org.streetsense.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

class InMemoryHistoryTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private static HistoryPoint at(int second, double value) {
    return new HistoryPoint(T0.plusSeconds(second), value, Quality.GOOD, second);
  }

  @Test
  void keepsOnlyTheNewestReadingsPerChannel() {
    InMemoryHistory history = new InMemoryHistory(3);
    for (int i = 0; i < 5; i++) {
      history.record("air-1", "temperature", at(i, i));
    }
    history.record("air-1", "humidity", at(0, 50));
    assertThat(history.query("air-1", "temperature", T0, T0.plusSeconds(60), 100))
        .extracting(HistoryPoint::seq).containsExactly(2L, 3L, 4L);
    assertThat(history.query("air-1", "humidity", T0, T0.plusSeconds(60), 100)).hasSize(1);
  }

  @Test
  void recordsAcceptedReadingsAsTheGatewayHandsThemOverAndIgnoresEvents() {
    InMemoryHistory history = new InMemoryHistory(10);
    ObservedTime at = new ObservedTime(T0.plusSeconds(3).toEpochMilli(), 0, true);
    assertThat(history.record(new Reading("square", "air-1", "temperature", 21.5, "degC",
        Quality.SUSPECT, at, 42))).isTrue();
    assertThat(history.record(new Reading("square", "air-1", "temperature", Double.NaN, "degC",
        Quality.FAULT, new ObservedTime(T0.plusSeconds(4).toEpochMilli(), 0, true), 43))).isTrue();
    assertThat(history.record(new InteractionEvent("square", "wall", "touch", "touch_start", 1.0,
        at, 7))).isFalse();
    assertThat(history.query("air-1", "temperature", T0, T0.plusSeconds(60), 100))
        .containsExactly(new HistoryPoint(T0.plusSeconds(3), 21.5, Quality.SUSPECT, 42),
            new HistoryPoint(T0.plusSeconds(4), Double.NaN, Quality.FAULT, 43));
    assertThat(history.query("wall", "touch", T0, T0.plusSeconds(60), 100)).isEmpty();
  }

  @Test
  void queriesAHalfOpenRangeOldestFirstUpToTheLimit() {
    InMemoryHistory history = new InMemoryHistory(100);
    for (int i = 0; i < 10; i++) {
      history.record("air-1", "temperature", at(i, i));
    }
    assertThat(history.query("air-1", "temperature", T0.plusSeconds(2), T0.plusSeconds(6), 100))
        .extracting(HistoryPoint::seq).containsExactly(2L, 3L, 4L, 5L);
    assertThat(history.query("air-1", "temperature", T0, T0.plusSeconds(60), 2))
        .extracting(HistoryPoint::seq).containsExactly(0L, 1L);
    assertThat(history.query("nope", "x", T0, T0.plusSeconds(60), 2)).isEmpty();
  }

  @Test
  void aggregatesUsableReadingsInTheWindow() {
    InMemoryHistory history = new InMemoryHistory(100);
    history.record("air-1", "temperature", at(0, 10));
    history.record("air-1", "temperature", at(1, 20));
    history.record("air-1", "temperature",
        new HistoryPoint(T0.plusSeconds(2), Double.NaN, Quality.FAULT, 2));
    history.record("air-1", "temperature", at(3, 30));
    history.record("air-1", "temperature", at(100, 1000));
    Aggregate a = history.aggregate("air-1", "temperature", T0, T0.plusSeconds(60));
    assertThat(a.count()).isEqualTo(3);
    assertThat(a.min()).isEqualTo(10);
    assertThat(a.max()).isEqualTo(30);
    assertThat(a.mean()).isEqualTo(20);
    assertThat(history.aggregate("air-1", "temperature", T0.plusSeconds(200),
        T0.plusSeconds(300)).count()).isZero();
  }

  @Test
  void recordsReadingMessagesFromTheEventBusAndIgnoresEvents() {
    InMemoryHistory history = new InMemoryHistory(10);
    assertThat(history.recordMessage(new JsonObject().put("ts", T0.toEpochMilli()).put("seq", 4)
        .put("device", "air-1").put("channel", "temperature").put("value", 21.5)
        .put("unit", "degC").put("quality", "suspect").put("kind", "reading"))).isTrue();
    assertThat(history.recordMessage(new JsonObject().put("ts", T0.toEpochMilli()).put("seq", 1)
        .put("device", "touch-1").put("channel", "electrode3").put("value", 1)
        .put("type", "touch_start").put("kind", "event"))).isFalse();
    assertThat(history.query("air-1", "temperature", T0, T0.plusSeconds(1), 10))
        .containsExactly(new HistoryPoint(T0, 21.5, Quality.SUSPECT, 4));
    assertThatThrownBy(() -> history.recordMessage(new JsonObject().put("kind", "reading")
        .put("channel", "x").put("ts", 1L)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'device'");
  }

  @Test
  void rejectsNonsensicalArguments() {
    assertThatThrownBy(() -> new InMemoryHistory(0)).hasMessageContaining("capacityPerChannel");
    InMemoryHistory history = new InMemoryHistory(1);
    assertThatThrownBy(() -> history.query("a", "b", T0.plusSeconds(1), T0, 1))
        .hasMessageContaining("is after");
    assertThatThrownBy(() -> history.query("a", "b", T0, T0, 0)).hasMessageContaining("limit");
  }
}
