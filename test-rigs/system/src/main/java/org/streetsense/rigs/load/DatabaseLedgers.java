package org.streetsense.rigs.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Builds a {@link StreamLedger} from what a database really stored: the {@code seq} field of
 * measurement {@code reading}, per {@code device} and {@code channel} tag.
 */
public final class DatabaseLedgers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DatabaseLedgers() {}

  /** The InfluxQL query whose JSON answer {@link #fromInflux1} reads. */
  public static final String INFLUX1_QUERY = "SELECT seq, device, channel FROM reading";

  /** From InfluxDB 1.x's answer to {@link #INFLUX1_QUERY}. */
  public static StreamLedger fromInflux1(String json) {
    StreamLedger l = new StreamLedger();
    for (JsonNode result : read(json).path("results")) {
      if (result.has("error")) {
        throw new IllegalStateException("InfluxDB query failed: " + result.get("error").asText());
      }
      for (JsonNode series : result.path("series")) {
        for (JsonNode row : series.path("values")) {
          l.add(row.get(2).asText() + "/" + row.get(3).asText(), row.get(1).asLong());
        }
      }
    }
    return l;
  }

  /** The series selector whose export {@link #fromVictoriaMetrics} reads. */
  public static String victoriaMetricsSelector(String installation) {
    return "{__name__=\"reading_seq\",installation=\"" + installation + "\"}";
  }

  /** From VictoriaMetrics' {@code /api/v1/export} JSON lines for {@link #victoriaMetricsSelector}. */
  public static StreamLedger fromVictoriaMetrics(List<String> exportLines) {
    StreamLedger l = new StreamLedger();
    for (String line : exportLines) {
      JsonNode series = read(line);
      String stream = series.path("metric").path("device").asText() + "/"
          + series.path("metric").path("channel").asText();
      for (JsonNode v : series.path("values")) {
        l.add(stream, v.asLong());
      }
    }
    return l;
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
