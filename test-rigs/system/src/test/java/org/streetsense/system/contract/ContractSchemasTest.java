package org.streetsense.system.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.streetsense.gateway.actuator.RejectReason;
import org.streetsense.gateway.app.SafeOutputs;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.uplink.contract.PayloadEncoder;
import org.streetsense.rigs.ProjectPaths;

/**
 * The schemas in docs/schemas accept every JSON example of docs/mqtt-contract.md (by the section
 * it stands in) and refuse payloads the contract rules out.
 */
class ContractSchemasTest {

  /** Section heading of docs/mqtt-contract.md to the schema of its JSON examples. */
  private static final Map<String, String> SECTIONS = Map.of(
      "Reading", "reading",
      "Event", "event",
      "Gap", "gap",
      "Batched mode", "reading",
      "Gateway state: birth and will", "gateway-state",
      "Command", "command",
      "Command result", "command-result",
      "Actuator state", "actuator-state",
      "Configuration set", "config-set",
      "Configuration result", "config-result");

  @Test
  void everyJsonExampleOfTheContractMatchesTheSchemaOfItsSection() throws IOException {
    List<String> lines = Files.readAllLines(ProjectPaths.root().resolve("docs/mqtt-contract.md"));
    String section = "";
    int examples = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("## ")) {
        section = lines.get(i).substring(3).trim();
      } else if (lines.get(i).equals("```json")) {
        StringBuilder json = new StringBuilder();
        for (i++; !lines.get(i).equals("```"); i++) {
          json.append(lines.get(i)).append('\n');
        }
        assertThat(SECTIONS).as("schema for the JSON example in section '%s'", section)
            .containsKey(section);
        assertThat(ContractSchemas.problems(SECTIONS.get(section),
            json.toString().getBytes(StandardCharsets.UTF_8)))
            .as("example in section '%s': %s", section, json).isEmpty();
        examples++;
      }
    }
    assertThat(examples).isGreaterThanOrEqualTo(SECTIONS.size());
  }

  @Test
  void everyTopicKindMapsToASchemaFileThatExists() {
    for (String topic : List.of("streetsense/v1/i/state", "streetsense/v1/i/d/reading",
        "streetsense/v1/i/d/event", "streetsense/v1/i/d/gap", "streetsense/v1/i/lamp/state",
        "streetsense/v1/i/lights/ring/state", "streetsense/v1/i/lamp/command",
        "streetsense/v1/i/lights/ring/result", "streetsense/v1/i/config/set",
        "streetsense/v1/i/config/result")) {
      String schema = ContractSchemas.forTopic(topic).orElseThrow();
      assertThat(ContractSchemas.file(schema)).exists();
    }
    List<String> unmapped = new ArrayList<>();
    for (String topic : List.of("streetsense/v1/i/d/reading/x", "streetsense/v1/i/d/log",
        "streetsense/v2/i/d/reading", "streetsense/v1/i/bridge/state/x")) {
      ContractSchemas.forTopic(topic).ifPresent(s -> unmapped.add(topic + " -> " + s));
    }
    assertThat(unmapped).isEmpty();
    assertThat(ContractSchemas.NAMES).allSatisfy(n -> assertThat(ContractSchemas.file(n)).exists());
  }

  /**
   * Gaps are not in the captured traffic of {@link PublishedTrafficIT} (they take a spool overflow
   * or damage); the gateway's own encoder output is checked here instead, for every reason.
   */
  @ParameterizedTest(name = "a {0} gap from the gateway's encoder")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"spool_full", "expired", "corrupt", "disk_full", "unused"})
  void theGatewaysGapPayloadsMatchTheGapSchema(String reason) {
    long count = reason.equals("unused") ? 0 : 75;
    byte[] attributed = new PayloadEncoder().gap(
        new Gap("kosice-square", "air-1", "temperature", 100, 180, count, reason, 1_000, 2_000));
    byte[] unattributed = new PayloadEncoder().gap(
        new Gap("kosice-square", "*", "*", 4_000, 4_099, 100, reason, 1_000, 2_000));

    assertThat(ContractSchemas.problems("gap", attributed)).isEmpty();
    assertThat(ContractSchemas.problems("gap", unattributed)).isEmpty();
  }

  @Test
  void theResultSchemaListsExactlyTheGatewaysRejectReasons() {
    List<String> inSchema = ContractSchemas.enumOf("command-result", "reason");
    List<String> inGateway = java.util.Arrays.stream(RejectReason.values())
        .map(RejectReason::wireName).toList();
    assertThat(inSchema).containsExactlyInAnyOrderElementsOf(inGateway);
  }

  @Test
  void theCommandSchemaTakesAValueWithSetPulseAndFade() {
    for (String op : List.of("set", "pulse", "fade")) {
      assertThat(ContractSchemas.problems("command", ("{\"id\":\"c\",\"op\":\"" + op
          + "\",\"value\":0.5}").getBytes(StandardCharsets.UTF_8))).as(op).isEmpty();
    }
  }

  /** Every cause a state can carry besides a command id, as the gateway writes them. */
  private static final List<String> CAUSES = List.of("startup", "shutdown", "max_on_time",
      "quiet_hours", "hardware_lost", "hardware_absent", "hardware_ready", "device_fault",
      SafeOutputs.CAUSE, "reload");

  @Test
  void theStateSchemaAndTheDocsNameEveryCauseOfAState() throws IOException {
    String schema = Files.readString(ProjectPaths.root().resolve("docs/schemas/actuator-state.json"));
    String contract = Files.readAllLines(ProjectPaths.root().resolve("docs/mqtt-contract.md"))
        .stream().filter(l -> l.startsWith("| `cause` |")).findFirst().orElseThrow();
    String interaction = Files.readString(ProjectPaths.root().resolve("docs/interaction.md"));
    String causes = interaction.substring(interaction.indexOf("`cause` is the command id"));
    causes = causes.substring(0, causes.indexOf("While the actuator rests"));
    for (String cause : CAUSES) {
      assertThat(schema).as("actuator-state.json cause").contains(cause);
      assertThat(contract).as("mqtt-contract.md cause row").contains("`" + cause + "`");
      assertThat(causes).as("interaction.md causes").contains("`" + cause + "`");
    }
  }

  @Test
  void theColourCommandOfTheContractMatchesTheCommandSchema() {
    assertThat(ContractSchemas.problems("command", ("{\"id\":\"tdx-20261127-0043\",\"op\":\"color\","
        + "\"color\":[255,40,0],\"duration_ms\":2000}").getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void aFixturesStateWithItsColourFromTheGatewaysEncoderMatchesTheStateSchema() {
    byte[] state = new org.streetsense.gateway.command.CommandCodec().encode(
        new org.streetsense.gateway.command.ActuatorState("wash", 0.8, false, "c-1", 1_000,
            Double.NaN, 0, 0, List.of(255, 40, 0)));

    assertThat(new String(state, StandardCharsets.UTF_8)).contains("\"color\":[255,40,0]");
    assertThat(ContractSchemas.problems("actuator-state", state)).isEmpty();
  }

  @ParameterizedTest(name = "{0} refuses {1}")
  @CsvSource(delimiter = '|', value = {
      "reading|{\"ts\":1,\"seq\":1,\"installation\":\"i\",\"device\":\"d\",\"channel\":\"c\",\"value\":1.5,\"unit\":\"lx\",\"quality\":\"fault\",\"clock\":\"trusted\"}",
      "reading|{\"ts\":1,\"seq\":1,\"installation\":\"i\",\"device\":\"d\",\"channel\":\"c\",\"unit\":\"lx\",\"quality\":\"good\",\"clock\":\"trusted\"}",
      "reading|{\"ts\":1,\"seq\":1,\"installation\":\"i\",\"device\":\"d\",\"channel\":\"c\",\"value\":1,\"unit\":\"lx\",\"quality\":\"good\",\"clock\":\"trusted\",\"extra\":1}",
      "reading|{\"ts\":1,\"seq\":0,\"installation\":\"i\",\"device\":\"d\",\"channel\":\"c\",\"value\":1,\"unit\":\"lx\",\"quality\":\"good\",\"clock\":\"trusted\"}",
      "event|{\"ts\":1,\"seq\":1,\"installation\":\"i\",\"device\":\"d\",\"channel\":\"c\",\"type\":\"Touch Start\",\"clock\":\"trusted\"}",
      "actuator-state|{\"ts\":1,\"actuator\":\"lamp\",\"level\":0.5,\"safe\":false,\"cause\":\"c\",\"target\":1.0}",
      "actuator-state|{\"ts\":1,\"actuator\":\"wash\",\"level\":0.5,\"safe\":false,\"cause\":\"c\",\"color\":[255,40,256]}",
      "command-result|{\"ts\":1,\"id\":\"c\",\"correlation\":\"c\",\"actuator\":\"lamp\",\"status\":\"rejected\"}",
      "command-result|{\"ts\":1,\"id\":\"c\",\"correlation\":\"c\",\"actuator\":\"lamp\",\"status\":\"done\",\"reason\":\"expired\"}",
      "gateway-state|{\"status\":\"away\",\"ts\":1,\"boot\":1,\"version\":\"0.1.0\",\"installation\":\"i\",\"devices\":[]}",
      "command|{\"id\":\"c\",\"op\":\"on\",\"expires\":5,\"ttl_ms\":5}",
      "command|{\"id\":\"c\",\"op\":\"on\",\"ttl_ms\":5}",
      "command|{\"id\":\"osc:1\",\"op\":\"on\"}",
      "config-set|{\"version\":0,\"digest\":\"sha256:00\",\"file\":\"x\"}",
      "config-set|{\"version\":1,\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"file\":\"x\",\"retain\":true}",
      "config-result|{\"ts\":1,\"installation\":\"i\",\"status\":\"rolled_back\",\"version\":2,\"running\":{\"version\":1,\"digest\":\"d\"}}",
      "config-result|{\"ts\":1,\"installation\":\"i\",\"status\":\"pending\",\"running\":{\"version\":1,\"digest\":\"d\"}}",
      "command|{\"id\":\"c\",\"op\":\"color\",\"color\":[1,2]}",
      "command|{\"id\":\"c\",\"op\":\"color\",\"color\":[1,2,300]}",
      "command|{\"id\":\"c\",\"op\":\"on\",\"value\":0.5}",
      "command|{\"id\":\"c\",\"op\":\"off\",\"value\":0}",
      "command|{\"id\":\"c\",\"op\":\"safe\",\"value\":1}",
  })
  void schemasRefusePayloadsTheContractRulesOut(String schema, String payload) {
    assertThat(ContractSchemas.problems(schema, payload.getBytes(StandardCharsets.UTF_8)))
        .isNotEmpty();
  }
}
