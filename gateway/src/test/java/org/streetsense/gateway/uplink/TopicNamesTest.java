package org.streetsense.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

  @Test
  void acceptsPlainTopicsAndWellFormedFilters() {
    assertThat(TopicNames.requirePublishable("streetsense/v1/a/b/reading", "topic"))
        .isEqualTo("streetsense/v1/a/b/reading");
    assertThat(TopicNames.requireFilter("streetsense/v1/+/+/command", "filter")).isNotNull();
    assertThat(TopicNames.requireFilter("streetsense/#", "filter")).isNotNull();
    assertThat(TopicNames.requireFilter("#", "filter")).isNotNull();
  }

  @Test
  void refusesWildcardsInTopicsAndMisplacedWildcardsInFilters() {
    assertThatThrownBy(() -> TopicNames.requirePublishable("a/+/b", "topic"))
        .hasMessageContaining("topic must not contain the wildcards");
    assertThatThrownBy(() -> TopicNames.requirePublishable("", "topic"))
        .hasMessageContaining("topic must not be empty");
    assertThatThrownBy(() -> TopicNames.requireFilter("a/#/b", "filter"))
        .hasMessageContaining("misplaced wildcard in level 2");
    assertThatThrownBy(() -> TopicNames.requireFilter("a/b+", "filter"))
        .hasMessageContaining("level 2");
  }
}
