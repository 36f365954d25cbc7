package org.streetsense.gateway.uplink.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

  private final Topics topics = new Topics("kosice-square");

  @Test
  void buildsVersionedDeviceTopicsForEveryKind() {
    assertThat(topics.reading("air-1")).isEqualTo("streetsense/v1/kosice-square/air-1/reading");
    assertThat(topics.event("bench")).isEqualTo("streetsense/v1/kosice-square/bench/event");
    assertThat(topics.gap("air-1")).isEqualTo("streetsense/v1/kosice-square/air-1/gap");
    assertThat(topics.device("led", TopicKind.COMMAND))
        .isEqualTo("streetsense/v1/kosice-square/led/command");
    assertThat(topics.device("led", TopicKind.RESULT))
        .isEqualTo("streetsense/v1/kosice-square/led/result");
    assertThat(topics.device("led", TopicKind.STATE))
        .isEqualTo("streetsense/v1/kosice-square/led/state");
    assertThat(topics.allDevices(TopicKind.COMMAND))
        .isEqualTo("streetsense/v1/kosice-square/+/command");
  }

  @Test
  void gatewayStateHasItsOwnShorterTopic() {
    assertThat(topics.gatewayState()).isEqualTo("streetsense/v1/kosice-square/state");
  }

  @Test
  void refusesIdsThatWouldBreakTopicLevels() {
    assertThatThrownBy(() -> topics.reading("a/b")).hasMessageContaining("device id 'a/b'");
    assertThatThrownBy(() -> topics.reading("a+")).hasMessageContaining("'+'");
    assertThatThrownBy(() -> topics.reading("")).hasMessageContaining("device id must not be");
    assertThatThrownBy(() -> new Topics("#")).hasMessageContaining("installation id '#'");
    assertThatThrownBy(() -> new Topics("$SYS")).hasMessageContaining("'$'");
  }

  @Test
  void aDeclaredPrefixReplacesTheDefaultInEveryTopicAndFilter() {
    Topics city = new Topics("city/ba/streetsense", "kosice-square");

    assertThat(city.reading("air-1")).isEqualTo("city/ba/streetsense/kosice-square/air-1/reading");
    assertThat(city.gatewayState()).isEqualTo("city/ba/streetsense/kosice-square/state");
    assertThat(city.allDevices(TopicKind.COMMAND))
        .isEqualTo("city/ba/streetsense/kosice-square/+/command");
  }

  @Test
  void theActuatorOfACommandTopicIsFoundAfterThePrefixWhateverItsLevels() {
    Topics city = new Topics("city/ba/streetsense", "kosice-square");

    assertThat(city.between("city/ba/streetsense/kosice-square/lamp/command")).isEqualTo("lamp");
    assertThat(city.between("city/ba/streetsense/kosice-square/leds/ring/command"))
        .isEqualTo("leds/ring");
    assertThat(city.between("streetsense/v1/kosice-square/lamp/command")).isEmpty();
    assertThat(city.between("city/ba/streetsense/kosice-square/command")).isEmpty();
  }

  @Test
  void refusesAPrefixWithAnEmptyOrWildcardLevel() {
    assertThatThrownBy(() -> new Topics("a//b", "x")).hasMessageContaining("topic prefix level");
    assertThatThrownBy(() -> new Topics("a/#", "x")).hasMessageContaining("'#'");
  }
}
