package org.streetsense.system.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streetsense.harness.ReceivedMessage;
import org.streetsense.rigs.ProjectPaths;

/**
 * The backend recipes (deploy/backend: Telegraf's MQTT consumer, the Grafana dashboard) read
 * against payloads a gateway really published ({@link CapturedTraffic}): Telegraf keeps every
 * string field it receives as a tag (a string that is neither a tag nor a string field is
 * dropped), and every dashboard query that selects rows by a tag selects a field those rows
 * carry (a fault reading has no {@code value}).
 */
@Timeout(180)
class BackendRecipesOnCapturedTrafficIT {

  private static final Pattern MEASUREMENT = Pattern.compile("r\\._measurement == \"([a-z_]+)\"");
  private static final Pattern FIELD = Pattern.compile("r\\._field == \"([a-z_]+)\"");
  private static final Pattern TAG_FILTER = Pattern.compile("r\\.([a-z]+) (==|!=) \"([^\"$]*)\"");

  private final List<ReceivedMessage> traffic = CapturedTraffic.get();
  private final JsonNode telegraf = read(new TomlMapper(), "deploy/backend/telegraf.conf")
      .at("/inputs/mqtt_consumer/0");
  private final JsonNode dashboard =
      read(new ObjectMapper(), "deploy/backend/grafana/dashboards/streetsense-installations.json");

  @Test
  void telegrafKeepsEveryStringFieldItReceivesAsATag() {
    Set<String> kept = new HashSet<>(texts(telegraf.get("tag_keys")));
    kept.addAll(texts(telegraf.path("json_string_fields")));
    List<String> filters = texts(telegraf.get("topics"));
    List<String> dropped = new ArrayList<>();
    Set<String> measurements = new HashSet<>();
    for (ReceivedMessage m : traffic) {
      if (filters.stream().noneMatch(f -> matches(f, m.topic()))) {
        continue;
      }
      measurements.add(m.topic().substring(m.topic().lastIndexOf('/') + 1));
      for (JsonNode o : CapturedTraffic.objects(m)) {
        for (Map.Entry<String, JsonNode> field : iterable(o.fields())) {
          if (field.getValue().isTextual() && !kept.contains(field.getKey())) {
            dropped.add(m.topic() + ": " + field.getKey() + " in " + o);
          }
        }
      }
    }
    assertThat(measurements).contains("reading", "event");
    assertThat(dropped).as("string fields Telegraf would drop").isEmpty();
  }

  @Test
  void dashboardQueriesSelectFieldsThatTheSelectedPayloadsCarry() {
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : iterable(dashboard.get("panels").elements())) {
      for (JsonNode target : iterable(panel.get("targets").elements())) {
        queries.add(panel.get("title").asText() + "\n" + target.get("query").asText());
      }
    }
    List<String> problems = new ArrayList<>();
    boolean checkedAFilteredPanel = false;
    for (String query : queries) {
      Matcher measurement = MEASUREMENT.matcher(query);
      Matcher field = FIELD.matcher(query);
      if (!measurement.find() || !field.find()) {
        continue;
      }
      List<String[]> filters = new ArrayList<>();
      Matcher tag = TAG_FILTER.matcher(query);
      while (tag.find()) {
        if (!tag.group(1).equals("channel") || !query.contains("${channel}")) {
          filters.add(new String[] {tag.group(1), tag.group(2), tag.group(3)});
        }
      }
      List<JsonNode> selected = new ArrayList<>();
      for (ReceivedMessage m : traffic) {
        if (m.topic().endsWith("/" + measurement.group(1))) {
          CapturedTraffic.objects(m).stream().filter(o -> passes(o, filters)).forEach(selected::add);
        }
      }
      String title = query.lines().findFirst().orElse("");
      if (filters.isEmpty()) {
        if (selected.stream().noneMatch(o -> o.has(field.group(1)))) {
          problems.add(title + ": no captured " + measurement.group(1) + " has " + field.group(1));
        }
      } else {
        checkedAFilteredPanel = true;
        if (selected.isEmpty()) {
          problems.add(title + ": the capture holds no " + measurement.group(1) + " it selects");
        }
        selected.stream().filter(o -> !o.has(field.group(1))).findFirst().ifPresent(o ->
            problems.add(title + ": selects " + o + ", which has no field " + field.group(1)));
      }
    }
    assertThat(checkedAFilteredPanel).as("the 'readings not good' panel filters on quality").isTrue();
    assertThat(problems).isEmpty();
  }

  private static boolean passes(JsonNode o, List<String[]> filters) {
    for (String[] f : filters) {
      boolean equal = o.path(f[0]).asText().equals(f[2]);
      if (equal != f[1].equals("==")) {
        return false;
      }
    }
    return true;
  }

  /** MQTT topic filter matching with {@code +} and {@code #}. */
  private static boolean matches(String filter, String topic) {
    String[] f = filter.split("/");
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return true;
      }
      if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
        return false;
      }
    }
    return f.length == t.length;
  }

  private static JsonNode read(ObjectMapper mapper, String file) {
    Path path = ProjectPaths.root().resolve(file);
    try {
      return mapper.readTree(path.toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot parse " + path + ": " + e.getMessage(), e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.elements().forEachRemaining(n -> out.add(n.asText()));
    return out;
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    return () -> iterator;
  }
}
