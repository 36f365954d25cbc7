package org.streetsense.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Reading;

/**
 * The backend recipes in {@code deploy/backend/} cannot run here (no Docker engine, Telegraf or
 * Grafana), so they are parsed and checked against the MQTT payload contract and each other.
 */
class BackendRecipesTest {

  private static final List<String> KINDS = List.of("reading", "event", "gap");
  private static final Set<String> NUMERIC_PAYLOAD_FIELDS = Set.of("value", "seq");

  private final JsonNode telegraf = read(new TomlMapper(), "backend/telegraf.conf");
  private final JsonNode compose = read(new YAMLMapper(), "backend/docker-compose.yml");
  private final JsonNode datasources =
      read(new YAMLMapper(), "backend/grafana/provisioning/datasources/influxdb.yaml");
  private final JsonNode providers =
      read(new YAMLMapper(), "backend/grafana/provisioning/dashboards/streetsense.yaml");
  private final JsonNode dashboard =
      read(new ObjectMapper(), "backend/grafana/dashboards/streetsense-installations.json");

  @Test
  void telegrafSubscribesToReadingsEventsGapsAndGatewayStatesOfEveryInstallation() {
    JsonNode mqtt = telegraf.at("/inputs/mqtt_consumer/0");
    List<String> topics = new ArrayList<>(KINDS.stream()
        .map(kind -> "streetsense/v1/+/+/" + kind).toList());
    topics.add("streetsense/v1/+/state");
    assertThat(texts(mqtt.get("topics"))).containsExactlyInAnyOrderElementsOf(topics);
    JsonNode stateParsing = mqtt.at("/topic_parsing/1");
    assertThat(stateParsing.get("topic").asText()).isEqualTo("streetsense/v1/+/state");
    assertThat(stateParsing.get("measurement").asText()).isEqualTo("_/_/_/measurement");
    assertThat(stateParsing.get("tags").asText()).isEqualTo("_/_/installation/_");
    assertThat(mqtt.get("qos").asInt()).isEqualTo(1);
    assertThat(mqtt.get("persistent_session").asBoolean()).isTrue();
  }

  @Test
  void telegrafTakesTimeFromTsInUnixMilliseconds() {
    JsonNode mqtt = telegraf.at("/inputs/mqtt_consumer/0");
    assertThat(mqtt.get("data_format").asText()).isEqualTo("json");
    assertThat(mqtt.get("json_time_key").asText()).isEqualTo("ts");
    assertThat(mqtt.get("json_time_format").asText()).isEqualTo("unix_ms");
  }

  @Test
  void telegrafKeepsEveryStringFieldOfTheContractAsATag() {
    Set<String> stringFields = new HashSet<>();
    for (Class<?> record : List.of(Reading.class, InteractionEvent.class, Gap.class)) {
      for (RecordComponent c : record.getRecordComponents()) {
        if (c.getType() == String.class || c.getType().isEnum()) {
          stringFields.add(c.getName());
        }
      }
    }
    assertThat(stringFields).contains("installation", "device", "channel", "unit", "quality",
        "type", "reason");
    // clock comes from the observation's time (ObservedTime), not a string component;
    // BackendRecipesOnCapturedTrafficIT checks the tags against captured payloads
    stringFields.add("clock");

    assertThat(texts(telegraf.at("/inputs/mqtt_consumer/0/tag_keys")))
        .containsExactlyInAnyOrderElementsOf(stringFields);
  }

  @Test
  void telegrafNamesTheMeasurementAfterTheTopicKind() {
    JsonNode parsing = telegraf.at("/inputs/mqtt_consumer/0/topic_parsing/0");
    assertThat(parsing.get("topic").asText()).isEqualTo("streetsense/v1/+/+/+");
    assertThat(parsing.get("measurement").asText().split("/"))
        .containsExactly("_", "_", "_", "_", "measurement");
    assertThat(parsing.get("tags").asText().split("/"))
        .containsExactly("_", "_", "installation", "device", "_");
  }

  @Test
  void telegrafWritesToTheBucketComposeCreates() throws IOException {
    JsonNode out = telegraf.at("/outputs/influxdb_v2/0");
    JsonNode env = compose.at("/services/telegraf/environment");
    JsonNode influxInit = compose.at("/services/influxdb/environment");
    assertThat(out.get("bucket").asText()).isEqualTo("${INFLUX_BUCKET}");
    assertThat(env.get("INFLUX_BUCKET").asText())
        .isEqualTo(influxInit.get("DOCKER_INFLUXDB_INIT_BUCKET").asText());
    assertThat(env.get("INFLUX_ORG").asText())
        .isEqualTo(influxInit.get("DOCKER_INFLUXDB_INIT_ORG").asText());
    assertThat(env.get("MQTT_USERNAME").asText()).isEqualTo("telegraf");
    assertThat(Files.readString(RepoFiles.deploy("mosquitto/city-acl")))
        .contains("user telegraf\ntopic read streetsense/v1/#");
  }

  @Test
  void composeRunsTheFourServicesWithMountsThatExist() {
    assertThat(iterable(compose.get("services").fieldNames()))
        .containsExactlyInAnyOrder("mosquitto", "influxdb", "telegraf", "grafana");
    assertThat(compose.at("/services/influxdb/image").asText()).startsWith("influxdb:2");
    Path backend = RepoFiles.deploy("backend");
    for (JsonNode service : iterable(compose.get("services").elements())) {
      for (JsonNode volume : iterable(service.path("volumes").elements())) {
        String source = volume.asText().split(":")[0];
        if (source.startsWith(".") && !source.startsWith("./mosquitto/")) {
          assertThat(backend.resolve(source)).as("mount source %s", source).exists();
        }
      }
    }
    assertThat(compose.at("/services/telegraf/volumes").toString())
        .contains("./telegraf.conf:/etc/telegraf/telegraf.conf");
  }

  @Test
  void composeVariablesAreAllInTheEnvExample() throws IOException {
    String composeText = Files.readString(RepoFiles.deploy("backend/docker-compose.yml"));
    String envExample = Files.readString(RepoFiles.deploy("backend/.env.example"));
    Matcher m = Pattern.compile("\\$\\{([A-Z_]+)(:-[^}]*)?}").matcher(composeText);
    List<String> variables = new ArrayList<>();
    while (m.find()) {
      variables.add(m.group(1));
    }
    assertThat(variables).isNotEmpty()
        .allSatisfy(v -> assertThat(envExample).contains("\n" + v + "="));
  }

  @Test
  void grafanaProvisionsTheBucketAndTheDashboardFolder() {
    JsonNode ds = datasources.at("/datasources/0");
    JsonNode influxInit = compose.at("/services/influxdb/environment");
    assertThat(ds.get("type").asText()).isEqualTo("influxdb");
    assertThat(ds.at("/jsonData/version").asText()).isEqualTo("Flux");
    assertThat(ds.at("/jsonData/defaultBucket").asText())
        .isEqualTo(influxInit.get("DOCKER_INFLUXDB_INIT_BUCKET").asText());
    assertThat(ds.at("/jsonData/organization").asText())
        .isEqualTo(influxInit.get("DOCKER_INFLUXDB_INIT_ORG").asText());
    assertThat(ds.get("url").asText()).isEqualTo("http://influxdb:8086");

    String dashboardsPath = providers.at("/providers/0/options/path").asText();
    assertThat(compose.at("/services/grafana/volumes").toString())
        .contains("./grafana/dashboards:" + dashboardsPath)
        .contains("./grafana/provisioning:/etc/grafana/provisioning");
  }

  @Test
  void dashboardQueriesOnlyWhatTelegrafWrites() {
    String uid = datasources.at("/datasources/0/uid").asText();
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : iterable(dashboard.get("panels").elements())) {
      assertThat(panel.at("/datasource/uid").asText()).isEqualTo(uid);
      for (JsonNode target : iterable(panel.get("targets").elements())) {
        assertThat(target.at("/datasource/uid").asText()).isEqualTo(uid);
        queries.add(target.get("query").asText());
      }
    }
    Set<String> tags = new HashSet<>(texts(telegraf.at("/inputs/mqtt_consumer/0/tag_keys")));
    for (String query : queries) {
      assertThat(query).contains("from(bucket: \"streetsense\")");
      assertThat(matches(query, "r\\._measurement == \"([a-z_]+)\"")).isSubsetOf(KINDS);
      assertThat(matches(query, "r\\._field == \"([a-z_]+)\""))
          .isSubsetOf(NUMERIC_PAYLOAD_FIELDS);
      assertThat(matches(query, "r\\.([a-z]+) [=!]")).isSubsetOf(tags);
    }
    assertThat(String.join("\n", queries))
        .contains("r._measurement == \"reading\"", "r._measurement == \"event\"",
            "r._measurement == \"gap\"");
  }

  @Test
  void dashboardRepeatsATimeSeriesPerChannelAndTablesTheGaps() {
    List<JsonNode> panels = new ArrayList<>();
    dashboard.get("panels").elements().forEachRemaining(panels::add);
    assertThat(panels).anySatisfy(p -> {
      assertThat(p.get("type").asText()).isEqualTo("timeseries");
      assertThat(p.path("repeat").asText()).isEqualTo("channel");
    });
    assertThat(panels).anySatisfy(p -> {
      assertThat(p.get("type").asText()).isEqualTo("table");
      assertThat(p.at("/targets/0/query").asText()).contains("r._measurement == \"gap\"");
    });
    assertThat(texts(dashboard.at("/templating/list"), "name"))
        .containsExactly("installation", "device", "channel");
  }

  private static JsonNode read(ObjectMapper mapper, String recipe) {
    try {
      return mapper.readTree(RepoFiles.deploy(recipe).toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot parse deploy/" + recipe + ": " + e.getMessage(), e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.elements().forEachRemaining(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.elements().forEachRemaining(n -> out.add(n.get(field).asText()));
    return out;
  }

  private static List<String> matches(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    return () -> iterator;
  }
}
