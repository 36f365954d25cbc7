package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.http.FakeGatewayStatus;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.status.HistoryPoint;

class HistoryExportTest {

  private final FakeGatewayStatus status = new FakeGatewayStatus();
  private final HistoryRequest request = new HistoryRequest(
      new PublicView(status).channel("air-1/temperature").orElseThrow(),
      Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-27T11:00:00Z"), 100);
  private final List<HistoryPoint> points = List.of(
      new HistoryPoint(Instant.parse("2026-11-27T10:00:00Z"), 21.5, Quality.GOOD, 7),
      new HistoryPoint(Instant.parse("2026-11-27T10:00:10.250Z"), Double.NaN, Quality.FAULT, 8));
  private final Instant generated = Instant.parse("2026-11-27T11:00:05Z");

  @Test
  void csvStartsWithLicenseCommentsThenAHeaderRow() {
    String csv = HistoryExport.csv(status.installation(), request, points, false, generated);
    assertThat(csv.split("\r\n")).containsExactly(
        "# installation: kosice-fountain-01",
        "# site: Fontána na Hlavnej",
        "# channel: air-1/temperature",
        "# unit: degC",
        "# license: CC-BY-4.0",
        "# license-url: https://spdx.org/licenses/CC-BY-4.0.html",
        "# attribution: Mesto Košice – Streetsense",
        "# from: 2026-11-27T10:00:00Z",
        "# to: 2026-11-27T11:00:00Z",
        "# generated: 2026-11-27T11:00:05Z",
        "time,value,quality,seq",
        "2026-11-27T10:00:00Z,21.5,good,7",
        "2026-11-27T10:00:10.250Z,,fault,8");
  }

  @Test
  void csvSaysWhenTruncated() {
    String csv = HistoryExport.csv(status.installation(), request, points, true, generated);
    assertThat(csv).contains("# truncated: true (more than 100 points; narrow the range)\r\n");
  }

  @Test
  void jsonCarriesMetaAndPoints() {
    JsonObject json = HistoryExport.json(status.installation(), request, points, false,
        generated);
    JsonObject meta = json.getJsonObject("meta");
    assertThat(meta.getString("license")).isEqualTo("CC-BY-4.0");
    assertThat(meta.getString("attribution")).isEqualTo("Mesto Košice – Streetsense");
    assertThat(meta.getString("channel")).isEqualTo("air-1/temperature");
    assertThat(meta.getString("unit")).isEqualTo("degC");
    assertThat(meta.getInteger("count")).isEqualTo(2);
    assertThat(meta.getBoolean("truncated")).isFalse();
    assertThat(json.getJsonArray("points").getJsonObject(0).encode())
        .isEqualTo("{\"time\":\"2026-11-27T10:00:00Z\",\"value\":21.5,\"quality\":\"good\","
            + "\"seq\":7}");
    assertThat(json.getJsonArray("points").getJsonObject(1).getValue("value")).isNull();
  }
}
