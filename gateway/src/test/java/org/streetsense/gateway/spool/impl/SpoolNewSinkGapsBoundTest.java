package org.streetsense.gateway.spool.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.pipeline.Gap;

/** The losses kept for sinks still to register stay few and bounded (decision 0373). */
class SpoolNewSinkGapsBoundTest {

  @TempDir Path dir;

  private static Gap gap(String channel, long first, long last, String reason) {
    return new Gap("site", "air", channel, first, last, last - first + 1, reason, first, last);
  }

  @Test
  void consecutiveDropsOfAStreamExtendOneEntryAndSurviveAReopen() throws IOException {
    NewSinkGaps kept = new NewSinkGaps(dir.resolve("g.json"));
    kept.add("telemetry", 30, List.of(gap("t", 1, 30, "expired")));
    kept.add("telemetry", 60, List.of(gap("t", 31, 60, "expired")));
    kept.add("telemetry", 90, List.of(gap("t", 61, 90, "spool_full")));
    kept.add("telemetry", 120, List.of(gap("t", 101, 120, "spool_full")));

    assertThat(new NewSinkGaps(dir.resolve("g.json")).gaps()).containsExactly(
        gap("t", 1, 60, "expired"), gap("t", 61, 90, "spool_full"),
        gap("t", 101, 120, "spool_full"));
  }

  @Test
  void aRemovalAfterDeliveryForgetsTheEntriesOfItsLaneBehindIt() throws IOException {
    NewSinkGaps kept = new NewSinkGaps(dir.resolve("g.json"));
    kept.add("telemetry", 30, List.of(gap("t", 1, 30, "expired")));
    kept.add("telemetry", 90, List.of(gap("h", 1, 20, "corrupt")));
    kept.add("interactive", 10, List.of(gap("touch", 1, 10, "expired")));
    kept.add(null, 0, List.of(new Gap("site", "air", "t", 200, 900, 0, "unused", 5, 5)));

    kept.removedUpTo("telemetry", 60);

    assertThat(new NewSinkGaps(dir.resolve("g.json")).gaps()).extracting(Gap::channel)
        .containsExactly("h", "touch", "t");
  }

  @Test
  void pastTheCapALossMergesIntoItsStreamOrTheOldestIsForgotten() throws IOException {
    NewSinkGaps kept = new NewSinkGaps(dir.resolve("g.json"));
    List<Gap> many = new ArrayList<>();
    for (int i = 0; i < NewSinkGaps.MAX_ENTRIES; i++) {
      many.add(gap("c" + i, 1, 10, "expired"));
    }
    kept.add("telemetry", 10, many);

    kept.add("telemetry", 20, List.of(gap("c5", 21, 30, "expired")));
    assertThat(kept.size()).isEqualTo(NewSinkGaps.MAX_ENTRIES);
    assertThat(kept.gaps().get(5)).isEqualTo(
        new Gap("site", "air", "c5", 1, 30, 20, "expired", 1, 30));

    kept.add("telemetry", 30, List.of(gap("new", 1, 10, "expired")));
    assertThat(kept.size()).isEqualTo(NewSinkGaps.MAX_ENTRIES);
    assertThat(kept.gaps().get(0).channel()).isEqualTo("c1");
    assertThat(kept.gaps().get(kept.size() - 1).channel()).isEqualTo("new");
  }
}
