package org.streetsense.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.actuator.Command;
import org.streetsense.gateway.actuator.CommandSource;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.actuator.RejectReason;

/** The command examples in docs/interaction.md parse as the page says. */
class InteractionDocsCommandExamplesTest {

  private static final Path DOC = Path.of("..", "docs", "interaction.md");
  private final CommandCodec codec = new CommandCodec();

  @Test
  void theCommandExampleExpiresTtlAfterItsSendTime() throws Exception {
    String doc = Files.readString(DOC);
    int section = doc.indexOf("### Command\n");
    int start = doc.indexOf("```json\n", section) + "```json\n".length();
    String example = doc.substring(start, doc.indexOf("```", start));
    long sent = 1795820395000L;
    assertThat(example).contains("\"ts\": " + sent).contains("\"ttl_ms\": 5000");

    CommandCodec.Parsed parsed = codec.parse(example.getBytes(StandardCharsets.UTF_8), "lamp",
        CommandSource.MQTT, sent + 60_000);

    assertThat(parsed).isInstanceOf(CommandCodec.Valid.class);
    Command c = ((CommandCodec.Valid) parsed).command();
    assertThat(c.operation()).isEqualTo(Operation.FADE);
    assertThat(c.duration()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.correlationId()).isEqualTo("panel-7");
    assertThat(c.expiresAtMillis()).as("arriving a minute late does not extend it").isEqualTo(sent + 5000);
  }

  @Test
  void theResultExampleIsTheCappedAnswerTheCodecWrites() throws Exception {
    String doc = Files.readString(DOC);
    int section = doc.indexOf("### Result\n");
    int start = doc.indexOf("```json\n", section) + "```json\n".length();
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var example = mapper.readTree(doc.substring(start, doc.indexOf("```", start)));
    CommandResult r = CommandResult.capped(new Command("tdx-20261127-0042", "panel-7", "lamp",
            Operation.ON, Double.NaN, Duration.ZERO, Long.MAX_VALUE, CommandSource.MQTT),
        CommandStatus.ACCEPTED, 0.2,
        "quiet hours (23:15 Europe/Bratislava): light 'lamp' is capped at 0.2, asked 1", 1795820400123L);

    assertThat(mapper.readTree(codec.encode(r))).isEqualTo(example);
  }

  @Test
  void theDuplicateFieldExampleIsRefusedNotReadAsLastWins() throws Exception {
    Matcher m = Pattern.compile("`(\\{\"op\":\"off\",\"op\":\"on\"})`").matcher(Files.readString(DOC));
    assertThat(m.find()).isTrue();
    String example = m.group(1).replace("{", "{\"id\":\"d-1\",");

    CommandCodec.Parsed parsed = codec.parse(example.getBytes(StandardCharsets.UTF_8), "lamp",
        CommandSource.MQTT, 0);

    assertThat(parsed).isInstanceOf(CommandCodec.Invalid.class);
    CommandResult r = ((CommandCodec.Invalid) parsed).result();
    assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(r.detail()).contains("duplicate field 'op'");
  }

  @Test
  void theNotJsonExampleIsRefusedWithTheDetailShown() throws Exception {
    Matcher m = Pattern.compile("`(\\{[^`]*)` is refused with the detail\\s+`([^`]*)`")
        .matcher(Files.readString(DOC));
    assertThat(m.find()).as("the not-JSON example in interaction.md").isTrue();

    CommandCodec.Parsed parsed = codec.parse(m.group(1).getBytes(StandardCharsets.UTF_8), "lamp",
        CommandSource.MQTT, 0);

    assertThat(parsed).isInstanceOf(CommandCodec.Invalid.class);
    CommandResult r = ((CommandCodec.Invalid) parsed).result();
    assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(r.detail()).isEqualTo(m.group(2));
  }

  @Test
  void anUncleanCorrelationIsNotEchoedAsThePageSays() throws Exception {
    assertThat(Files.readString(DOC)).contains("a lone surrogate (`\"\\ud800\"`), is not echoed");
    String example = "{\"id\":\"u3\",\"op\":\"on\",\"correlation\":\"\\ud800\"}";

    CommandCodec.Parsed parsed = codec.parse(example.getBytes(StandardCharsets.UTF_8), "lamp",
        CommandSource.MQTT, 0);

    assertThat(((CommandCodec.Valid) parsed).command().correlationId()).isEqualTo("u3");
  }

  @Test
  void thePanExampleFadesTheMovingHeadsPanActuator() throws Exception {
    Matcher m = Pattern.compile("`(\\{\"id\":\"p-1\"[^`]*)` on `\\.\\.\\./head/pan/command`")
        .matcher(Files.readString(DOC));
    assertThat(m.find()).as("the pan command example in interaction.md").isTrue();

    CommandCodec.Parsed parsed = codec.parse(m.group(1).getBytes(StandardCharsets.UTF_8),
        "head/pan", CommandSource.MQTT, System.currentTimeMillis());

    assertThat(parsed).isInstanceOf(CommandCodec.Valid.class);
    Command c = ((CommandCodec.Valid) parsed).command();
    assertThat(c.actuator()).isEqualTo("head/pan");
    assertThat(c.operation()).isEqualTo(Operation.FADE);
    assertThat(c.value()).isEqualTo(0.25);
    assertThat(c.duration()).isEqualTo(Duration.ofSeconds(3));
  }
}
