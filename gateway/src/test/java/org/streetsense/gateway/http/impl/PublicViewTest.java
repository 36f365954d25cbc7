package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.http.FakeGatewayStatus;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.LatestValue;

class PublicViewTest {

  private final PublicView view = new PublicView(new FakeGatewayStatus());

  @Test
  void listsOnlyPublicChannels() {
    assertThat(view.channels()).extracting(ChannelInfo::key).containsExactly(
        "air-1/temperature", "air-1/humidity", "light-1/illuminance", "touch-1/electrode3");
  }

  @Test
  void latestValuesLeaveOutPrivateChannels() {
    assertThat(view.latestValues()).extracting(LatestValue::key)
        .containsExactly("air-1/temperature", "air-1/humidity", "light-1/illuminance")
        .noneMatch(k -> k.contains("sound_level") || k.contains("door_open"));
  }

  @Test
  void privateAndUnknownChannelsLookTheSame() {
    assertThat(view.channel("mic-1/sound_level")).isEmpty();
    assertThat(view.channel("nope/nothing")).isEmpty();
    assertThat(view.channel("air-1/temperature")).isPresent();
  }

  @Test
  void filtersObservationMessagesByChannel() {
    assertThat(view.allows(new JsonObject().put("device", "air-1").put("channel", "humidity")))
        .isTrue();
    assertThat(view.allows(new JsonObject().put("device", "mic-1")
        .put("channel", "sound_level"))).isFalse();
  }
}
