package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.http.FakeGatewayStatus;

class HistoryRequestTest {

  private final PublicView view = new PublicView(new FakeGatewayStatus());
  private final Instant now = Instant.parse("2026-11-27T12:00:00Z");

  private HistoryRequest parse(String... kv) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < kv.length; i += 2) {
      params.add(kv[i], kv[i + 1]);
    }
    return HistoryRequest.parse(params, view, Duration.ofDays(7), 1000, now);
  }

  @Test
  void defaultsToTheLastDay() {
    HistoryRequest r = parse("channel", "air-1/temperature");
    assertThat(r.from()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(r.to()).isEqualTo(now);
    assertThat(r.limit()).isEqualTo(1000);
  }

  @Test
  void acceptsIsoTimesWithOffsetsAndUnixMillis() {
    HistoryRequest r = parse("channel", "air-1/temperature", "from", "2026-11-27T10:00+01:00",
        "to", "1795773600000");
    assertThat(r.from()).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
    assertThat(r.to()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Test
  void namesTheMissingOrMalformedParameter() {
    assertBad("channel");
    assertBad("channel", "channel", "temperature");
    assertBad("from", "channel", "air-1/temperature", "from", "yesterday");
    assertBad("to", "channel", "air-1/temperature", "to", "2026-13-01T00:00:00Z");
    assertBad("from", "channel", "air-1/temperature", "from", "2026-11-27T11:00:00Z",
        "to", "2026-11-27T10:00:00Z");
    assertBad("from", "channel", "air-1/temperature", "from", "2026-01-01T00:00:00Z");
    assertBad("limit", "channel", "air-1/temperature", "limit", "0");
    assertBad("limit", "channel", "air-1/temperature", "limit", "many");
  }

  @Test
  void refusesPrivateChannelsAsIfUnknown() {
    assertThatThrownBy(() -> parse("channel", "mic-1/sound_level"))
        .isInstanceOf(HistoryRequest.UnknownChannelException.class)
        .hasMessage("no public channel 'mic-1/sound_level'");
  }

  @Test
  void parsesWindowDurations() {
    assertThat(TimeParams.duration("window", "15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(TimeParams.duration("window", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(TimeParams.duration("window", "7d")).isEqualTo(Duration.ofDays(7));
    assertThat(TimeParams.duration("window", "PT30M")).isEqualTo(Duration.ofMinutes(30));
    assertThatThrownBy(() -> TimeParams.duration("window", "0h"))
        .isInstanceOf(BadParameterException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> TimeParams.duration("window", "an hour"))
        .isInstanceOf(BadParameterException.class)
        .hasMessageContaining("'window' must be a duration");
  }

  private void assertBad(String parameter, String... kv) {
    assertThatThrownBy(() -> parse(kv))
        .isInstanceOfSatisfying(BadParameterException.class,
            e -> assertThat(e.parameter()).isEqualTo(parameter))
        .hasMessageContaining("'" + parameter + "'");
  }
}
