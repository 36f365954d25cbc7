package org.streetsense.gateway.spool.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.spool.PendingGap;

/**
 * The spool's state files keep the layout jackson-databind wrote before decision 0376, so a
 * spool written by an earlier gateway opens, and an earlier gateway can open ours.
 */
class StateJsonTest {

  private static final ObjectMapper DATABIND = new ObjectMapper();
  private static final Gap GAP = new Gap("kosice", "bench-1", "press", 10, 19, 7, "spool_full",
      1_765_000_000_000L, 1_765_000_001_000L);

  @TempDir Path dir;

  @Test
  void gapQueuesWrittenByDatabindAreReadAndWrittenTheSameWay() throws IOException {
    List<PendingGap> before = List.of(new PendingGap(1, GAP), new PendingGap(2,
        new Gap("kosice", "a\u001fb", "c\"d", 0, 0, 0, "unused", 0, 0)));
    Path file = Files.writeString(dir.resolve("mqtt.json"), DATABIND.writeValueAsString(before));

    List<PendingGap> read = StateJson.readArray(file,
        o -> new PendingGap(StateJson.number(o, "id"), StateJson.gap(o.getJsonObject("gap"))));

    assertThat(read).isEqualTo(before);
    String ours = StateJson.array(read,
        g -> new JsonObject().put("id", g.id()).put("gap", StateJson.gap(g.gap())));
    assertThat(ours).isEqualTo(DATABIND.writeValueAsString(before));
    assertThat(DATABIND.readValue(ours, new TypeReference<List<PendingGap>>() {}))
        .isEqualTo(before);
  }

  @Test
  void gapsKeptForSinksToComeKeepTheirLayoutWithANullLane() throws IOException {
    List<NewSinkGaps.Entry> before = List.of(new NewSinkGaps.Entry("telemetry", 42, GAP),
        new NewSinkGaps.Entry(null, 0, GAP));
    Path file = Files.writeString(dir.resolve("new-sink-gaps.json"),
        DATABIND.writeValueAsString(before));
    NewSinkGaps kept = new NewSinkGaps(file);
    assertThat(kept.gaps()).containsExactly(GAP, GAP);
    String ours = StateJson.array(before, e -> new JsonObject().put("lane", e.lane())
        .put("end", e.end()).put("gap", StateJson.gap(e.gap())));
    assertThat(ours).isEqualTo(DATABIND.writeValueAsString(before));
  }

  @Test
  void sequenceReservationsAreWholeNumbersByKey() throws IOException {
    Map<String, Long> before = Map.of("kosice\u001fbench-1\u001fpress", 4_000_000_000L,
        "#exact", 1L);
    Path file = Files.writeString(dir.resolve("seq.json"), DATABIND.writeValueAsString(before));
    assertThat(StateJson.readNumbers(file)).isEqualTo(before);
    assertThat(DATABIND.readValue(StateJson.numbers(before),
        new TypeReference<Map<String, Long>>() {})).isEqualTo(before);
  }

  @Test
  void aDamagedStateFileIsRefusedNamingTheFileAndTheField() throws IOException {
    Path notJson = Files.writeString(dir.resolve("a.json"), "[{\"id\":1,");
    assertThatThrownBy(() -> StateJson.readArray(notJson, o -> o))
        .isInstanceOf(IOException.class).hasMessageContaining(notJson.toString());
    Path wrongType = Files.writeString(dir.resolve("b.json"),
        "[{\"id\":\"one\",\"gap\":{}}]");
    assertThatThrownBy(() -> StateJson.readArray(wrongType,
            o -> new PendingGap(StateJson.number(o, "id"), StateJson.gap(o.getJsonObject("gap")))))
        .isInstanceOf(IOException.class).hasMessageContaining("b.json")
        .hasMessageContaining("'id' must be a whole number");
    Path missing = Files.writeString(dir.resolve("c.json"), "[{\"id\":1}]");
    assertThatThrownBy(() -> StateJson.readArray(missing,
            o -> new PendingGap(StateJson.number(o, "id"), StateJson.gap(o.getJsonObject("gap")))))
        .isInstanceOf(IOException.class).hasMessageContaining("c.json");
    Path badNumbers = Files.writeString(dir.resolve("d.json"), "{\"k\":1.5}");
    assertThatThrownBy(() -> StateJson.readNumbers(badNumbers))
        .isInstanceOf(IOException.class).hasMessageContaining("'k' must be a whole number");
  }
}
