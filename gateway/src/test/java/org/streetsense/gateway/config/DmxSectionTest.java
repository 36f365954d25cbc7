package org.streetsense.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.cli.StreetsenseCommand;
import org.streetsense.gateway.dmx.DmxProtocol;
import org.streetsense.gateway.dmx.DmxUniverseOptions;
import org.streetsense.gateway.dmx.FixtureOptions;
import picocli.CommandLine;

/**
 * The {@code dmx} section: the examples of docs/configuration.md and docs/interaction.md pass
 * {@code streetsense validate}, and broken fixtures are refused naming what and where.
 */
class DmxSectionTest {

  static final Path CONFIGURATION = Path.of("..", "docs", "configuration.md");
  static final Path INTERACTION = Path.of("..", "docs", "interaction.md");

  private static final String HEAD = """
      installation: dmx-docs
      site: Docs
      hardware: {backend: simulated}
      devices:
        - {id: touch-wall, driver: mpr121, address: 0x5A, mode: event, channels: {left: {index: 0}}}
      uplink:
        mqtt: {url: "tcp://localhost:1883"}
      """;

  @TempDir Path dir;

  @Test
  void theConfigurationExamplePassesValidateWithItsUniversesAndFixtures() throws Exception {
    String example = yamlAfter(CONFIGURATION, "## `dmx` (optional)");
    Path file = write("dmx.yaml", HEAD + example);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = validate(file, out, err);

    assertThat(code).as(out + "\n" + err).isZero();
    Installation inst = InstallationLoader.load(file);
    DmxUniverseOptions street = inst.dmx().universe("street").orElseThrow();
    assertThat(street.protocol()).isEqualTo(DmxProtocol.ARTNET);
    assertThat(street.fps()).isEqualTo(40);
    assertThat(inst.dmx().universe("square").orElseThrow().targetAddress()).isEqualTo("239.255.0.1");
    FixtureOptions canopy = inst.dmx().fixtures().get(1);
    assertThat(canopy.safeLevel()).isEqualTo(0.1);
    assertThat(canopy.safeColour()).containsExactly(255, 180, 120, 0);
    assertThat(inst.dmx().actuatorIds()).containsExactly("wash", "wash/strobe", "canopy", "head",
        "head/strobe", "head/pan", "head/tilt");
    assertThat(inst.dmx().fixtures().get(2).safeTilt()).isEqualTo(0.3);
    assertThat(inst.interaction().safety().actuator("head/pan").orElseThrow().kind())
        .isEqualTo(ActuatorRole.MOTION);
    assertThat(inst.interaction().safety().actuator("wash/strobe").orElseThrow().ratePerMinute())
        .isEqualTo(6);
  }

  @Test
  void theReflexExampleOfTheInteractionDocPassesValidate() throws Exception {
    String dmx = yamlAfter(CONFIGURATION, "## `dmx` (optional)");
    String reflex = yamlAfter(INTERACTION, "## DMX fixtures");
    Path file = write("reflex.yaml", HEAD + dmx + reflex);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).as(out + "\n" + err).isZero();
    assertThat(InstallationLoader.load(file).interaction().reflexes()).extracting(ReflexSpec::name)
        .containsExactly("touch-wash");
  }

  @Test
  void overlappingFixturesAnUnknownUniverseAndAStrobeLimitWithoutAStrobeAreNamed() throws Exception {
    Path file = write("broken.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 10.0.0.5, universe: 0}
          fixtures:
            - {id: wash, universe: street, address: 1, profile: dimmer-rgb-strobe}
            - {id: bar, universe: street, address: 4, profile: rgb}
            - {id: spot, universe: stret, address: 20, profile: dimmer}
            - {id: lamp, universe: street, address: 30, profile: dimmer, maxStrobeHz: 10}
            - {id: strip, universe: street, address: 40, profile: rgbw, color: [255, 0, 0]}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).isNotZero();
    String report = out + "\n" + err;
    assertThat(report).contains("channel 4 of universe 'street' is already used by fixture 'wash'",
        "no universe 'stret' in dmx.universes; did you mean 'street'?",
        "'lamp' has no strobe channel; remove maxStrobeHz",
        "color has 3 values; the fixture has 4 colour channels");
  }

  @Test
  void aFixtureIsALightInTheAllowList() throws Exception {
    Path file = write("motion.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 10.0.0.5, universe: 0}
          fixtures:
            - {id: wash, universe: street, address: 1, profile: dimmer-rgb-strobe}
        safety:
          actuators:
            wash: {kind: motion}
            wash/strobe: {kind: switch, quietHours: block}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).isNotZero();
    assertThat(out + "\n" + err).contains("safety.actuators.wash.kind: 'wash' is a DMX fixture: its kind is light",
        "'wash/strobe' is a DMX fixture: its kind is light");
  }

  @Test
  void artNetIsNotMulticastAndFixtureIdsShareTheDeviceSpace() throws Exception {
    Path file = write("clash.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, destination: multicast, universe: 0}
            - {id: square, protocol: sacn, address: 10.0.0.6, universe: 1, fps: 60}
          fixtures:
            - {id: touch-wall, universe: square, address: 1, profile: dimmer}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).isNotZero();
    assertThat(out + "\n" + err).contains("Art-Net is sent unicast or broadcast, not multicast",
        "60 is not a frame rate (DMX-512 sends at most 44 frames per second)",
        "duplicate id 'touch-wall'");
  }

  @Test
  void aReflexFadesAFixturesColourWithOpColor() throws Exception {
    Path file = write("reflex-colour.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 10.0.0.5, universe: 0}
          fixtures:
            - {id: wash, universe: street, address: 1, profile: dimmer-rgb}
        safety:
          actuators:
            wash: {operations: [set, color]}
        reflexes:
          - name: red-on-touch
            when: {device: touch-wall, channel: left, event: touch_start}
            do:
              - {actuator: wash, op: color, color: [255, 0, 0], duration: 2s}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).as(out + "\n" + err).isZero();
    ReflexStep step = InstallationLoader.load(file).interaction().reflexes().get(0).actions().get(0);
    assertThat(step.op()).isEqualTo(ActuatorOperation.COLOR);
    assertThat(step.colour()).containsExactly(255, 0, 0);
    assertThat(step.duration()).contains(java.time.Duration.ofSeconds(2));
  }

  @Test
  void aReflexColourOnAFixtureWithoutColourChannelsIsRefused() throws Exception {
    Path file = write("reflex-no-colour.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 10.0.0.5, universe: 0}
          fixtures:
            - {id: spot, universe: street, address: 1, profile: dimmer}
            - {id: wash, universe: street, address: 2, profile: rgb}
        safety:
          actuators:
            spot: {operations: [set, color]}
            wash: {operations: [set, color]}
        reflexes:
          - name: red-on-touch
            when: {device: touch-wall, channel: left, event: touch_start}
            do:
              - {actuator: spot, op: color, color: [255, 0, 0]}
              - {actuator: wash, op: color, color: [255, 0, 0, 0]}
              - {actuator: wash, op: color, value: 1, color: [255, 0, 0]}
              - {actuator: wash, op: set, value: 1, color: [255, 0, 0]}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).isNotZero();
    assertThat(out + "\n" + err)
        .contains("reflexes[0].do[0].op: op color needs a DMX fixture with colour channels "
            + "(red, green, blue, white, amber); 'spot' has none; fixtures with colour: wash")
        .contains("reflexes[0].do[1].color: color has 4 values; 'wash' has 3 colour channels")
        .contains("value is not used with op color")
        .contains("color is not used with op set");
  }

  @Test
  void aMovingHeadHasPanAndTiltPositionsWithAHomeAndRawChannelsHoldTheirValues() throws Exception {
    Path file = write("head.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 10.0.0.5, universe: 0}
          fixtures:
            - {id: head, universe: street, address: 1, profile: moving-head, safeTilt: 0.2}
            - id: mover
              universe: street
              address: 20
              channels: [pan, tilt, {raw: 8}, dimmer, {raw: 255}]
              safePan: 0.25
        safety:
          actuators:
            head: {operations: [set, fade]}
            head/pan: {operations: [set, fade, pulse], range: {min: 0.2, max: 0.8}, ratePerMinute: 30}
            head/tilt: {operations: [set, fade]}
            mover/pan: {kind: motion, quietHours: block}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).as(out + "\n" + err).isZero();
    Installation inst = InstallationLoader.load(file);
    assertThat(inst.dmx().actuatorIds()).containsExactly("head", "head/strobe", "head/pan",
        "head/tilt", "mover", "mover/pan", "mover/tilt");
    FixtureOptions head = inst.dmx().fixtures().get(0);
    assertThat(head.safePan()).isEqualTo(0.5);
    assertThat(head.safeTilt()).isEqualTo(0.2);
    FixtureOptions mover = inst.dmx().fixtures().get(1);
    assertThat(mover.safePan()).isEqualTo(0.25);
    assertThat(mover.profile().raw()).containsEntry(2, 8).containsEntry(4, 255).hasSize(2);
    ActuatorSpec pan = inst.interaction().safety().actuator("head/pan").orElseThrow();
    assertThat(pan.kind()).isEqualTo(ActuatorRole.MOTION);
    assertThat(pan.quietHours()).isEqualTo(QuietBehaviour.UNAFFECTED);
    assertThat(pan.range().max()).isEqualTo(0.8);
    assertThat(inst.interaction().safety().actuator("head/tilt").orElseThrow().range().max())
        .isEqualTo(1.0);
  }

  @Test
  void badChannelDeclarationsAndPositionsAreRefusedNamingKeyAndLine() throws Exception {
    Path file = write("bad-head.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 10.0.0.5, universe: 0}
          fixtures:
            - {id: a, universe: street, address: 1, channels: [dimmer, zoom]}
            - {id: b, universe: street, address: 10, channels: [dimmer, raw]}
            - {id: c, universe: street, address: 20, channels: [dimmer, {raw: 300}]}
            - {id: d, universe: street, address: 30, channels: [dimmer, {raw: }]}
            - {id: e, universe: street, address: 40, channels: [dimmer, {mode: 3}]}
            - {id: f, universe: street, address: 50, channels: [tilt, pan-fine]}
            - {id: g, universe: street, address: 60, profile: dimmer-rgb, safeTilt: 0.5}
            - {id: h, universe: street, address: 70, profile: moving-head, safePan: 2}
            - {id: i, universe: street, address: 505, profile: moving-head}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).isNotZero();
    String report = out + "\n" + err;
    assertThat(report).contains(
        ":12:64: dmx.fixtures[0].channels[1]: 'zoom' is not a channel; allowed: dimmer, red, "
            + "green, blue, white, amber, strobe, pan, pan-fine, tilt, tilt-fine, {raw: <value>}",
        ":13:65: dmx.fixtures[1].channels[1]: a raw channel needs the value it holds: write {raw: 0}",
        "dmx.fixtures[2].channels[1].raw: 300 is not a raw channel's DMX value; allowed 0..255",
        "dmx.fixtures[3].channels[1].raw: a raw channel needs the value it holds, 0..255",
        "dmx.fixtures[4].channels[1]: a channel is a name",
        "dmx.fixtures[5].channels[1]: pan-fine is the low byte of pan; add a pan channel",
        "dmx.fixtures[6].safeTilt: 'g' has no tilt channel; remove safeTilt",
        "dmx.fixtures[7].safePan: safePan must be 0..1",
        "dmx.fixtures[8].address: i: a 12-channel fixture starts at 1..501, was 505");
  }

  @Test
  void panAndTiltAreMotionWithARangeWithinZeroToOneAndCannotBeCapped() throws Exception {
    Path file = write("head-safety.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 10.0.0.5, universe: 0}
          fixtures:
            - {id: j, universe: street, address: 100, profile: moving-head}
        safety:
          actuators:
            j/pan: {kind: light}
            j/tilt: {range: {min: 0, max: 90}, quietHours: cap, quietLevel: 0.5}
            j: {kind: motion}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).isNotZero();
    assertThat(out + "\n" + err).contains(
        "safety.actuators.j/pan.kind: 'j/pan' is a DMX fixture's pan, a position 0..1: its kind is motion",
        "safety.actuators.j/tilt.range.max: 90 is not a position (0..1 over the channel's range); "
            + "allowed 0..1",
        "'j/tilt' is a position: capped, it would move towards 0",
        "'j' is a DMX fixture: its kind is light");
  }

  @Test
  void twoUniverseEntriesOnOneReceiverUniverseAreRefusedNamingBothAndTheLine() throws Exception {
    Path file = write("twice.yaml", HEAD + """
        dmx:
          universes:
            - {id: u, protocol: artnet, address: 127.0.0.1, universe: 1}
            - {id: u2, protocol: artnet, address: 127.0.0.1, universe: 1}
            - {id: wide, protocol: artnet, destination: broadcast, universe: 1}
            - {id: other-node, protocol: artnet, address: 127.0.0.2, universe: 2}
            - {id: group, protocol: sacn, destination: multicast, universe: 7}
            - {id: node7, protocol: sacn, address: 10.0.0.7, universe: 7}
          fixtures:
            - {id: a, universe: u, address: 1, profile: dimmer}
            - {id: b, universe: u2, address: 1, profile: dimmer}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).isNotZero();
    assertThat(out + "\n" + err).contains(
        ":11:7: dmx.universes[1]: universes 'u' and 'u2' both send artnet universe 1 to one "
            + "receiver (to 127.0.0.1; to 127.0.0.1): two senders on one receiver universe "
            + "alternate their frames",
        ":12:7: dmx.universes[2]: universes 'u' and 'wide' both send artnet universe 1 to one "
            + "receiver (to 127.0.0.1; broadcast to 255.255.255.255)",
        ":15:7: dmx.universes[5]: universes 'group' and 'node7' both send sacn universe 7 to one "
            + "receiver (multicast to 239.255.0.7; to 10.0.0.7)")
        .doesNotContain("'other-node' both");
  }

  @Test
  void oneUniverseNumberOnTwoNodesIsValidAndArtNetBesideSacnOnOneNodeIsAWarning() throws Exception {
    Path file = write("two-nodes.yaml", HEAD + """
        dmx:
          universes:
            - {id: left, protocol: artnet, address: 10.0.0.5, universe: 1}
            - {id: right, protocol: artnet, address: 10.0.0.6, universe: 1}
            - {id: right-sacn, protocol: sacn, address: 10.0.0.6, universe: 2}
          fixtures:
            - {id: a, universe: left, address: 1, profile: dimmer}
            - {id: b, universe: right, address: 1, profile: dimmer}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("warning: universes 'right' (artnet 1 to 10.0.0.6) and "
        + "'right-sacn' (sacn 2 to 10.0.0.6) may drive the same receiver universe")
        .doesNotContain("'left' (artnet");
  }

  @Test
  void aPositionRefusesOnOffAndColorAndAHomeOutsideItsRange() throws Exception {
    Path file = write("head-ops.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 10.0.0.5, universe: 0}
          fixtures:
            - {id: a, universe: street, address: 1, profile: moving-head, safeTilt: 0.1}
        safety:
          actuators:
            a/pan: {operations: [set, on, off, fade], range: {min: 0.6, max: 0.9}}
            a/tilt: {operations: [set, color], range: {min: 0.2, max: 180}}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).isNotZero();
    assertThat(out + "\n" + err).contains(
        ":15:25: safety.actuators.a/pan.operations: 'a/pan' is a DMX fixture's pan, a position "
            + "0..1: on and off are not operations of a position (on would drive it to its end "
            + "stop, off to 0 rather than home)",
        "a position takes set, fade, pulse and safe",
        "safety.actuators.a/tilt.operations: 'a/tilt' is a DMX fixture's tilt, a position 0..1: "
            + "color is not an operation of a position (it has no colour)",
        "safety.actuators.a/pan.range: 'a/pan' rests at its home, safePan 0.5 of fixture 'a', "
            + "outside its range 0.6..0.9; its home must be a position the range allows: move "
            + "safePan into the range or widen the range",
        "safety.actuators.a/tilt.range.max: 180 is not a position (0..1 over the channel's "
            + "range); allowed 0..1")
        .doesNotContain("light level");
  }

  @Test
  void aHomeOutsideTheRangeIsNamedAndAPositionWithoutOperationsTakesSetAlone() throws Exception {
    Path file = write("head-home.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 10.0.0.5, universe: 0}
          fixtures:
            - {id: a, universe: street, address: 1, profile: moving-head, safeTilt: 0.1}
            - {id: b, universe: street, address: 20, profile: moving-head}
        safety:
          actuators:
            a/tilt: {range: {min: 0.2, max: 0.5}}
            b/pan: {}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).isNotZero();
    assertThat(out + "\n" + err).contains("safety.actuators.a/tilt.range: 'a/tilt' rests at its "
        + "home, safeTilt 0.1 of fixture 'a', outside its range 0.2..0.5");

    Files.writeString(file, Files.readString(file).replace("safeTilt: 0.1", "safeTilt: 0.3"));
    StringWriter out2 = new StringWriter();
    assertThat(validate(file, out2, new StringWriter())).as(out2.toString()).isZero();
    assertThat(InstallationLoader.load(file).interaction().safety().actuator("b/pan").orElseThrow()
        .operations()).containsExactlyInAnyOrder(ActuatorOperation.SET, ActuatorOperation.SAFE);
  }

  @Test
  void aFixtureWithoutDimmerOrColourHasNoActuatorOfItsOwn() throws Exception {
    Path file = write("no-dimmer.yaml", HEAD + """
        dmx:
          universes:
            - {id: street, protocol: artnet, address: 10.0.0.5, universe: 0}
          fixtures:
            - {id: yoke, universe: street, address: 1, channels: [pan, tilt, {raw: 0}]}
            - {id: bar, universe: street, address: 10, profile: rgb}
        safety:
          actuators:
            yoke: {operations: [set, fade]}
            yoke/pan: {operations: [set, fade]}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(validate(file, out, err)).isNotZero();
    assertThat(out + "\n" + err).contains("safety.actuators.yoke: DMX fixture 'yoke' has no dimmer "
        + "(nor colour channels), so no level of its own to command; its actuators: yoke/pan, "
        + "yoke/tilt");

    Files.writeString(file, Files.readString(file).replace("    yoke: {operations: [set, fade]}\n", ""));
    StringWriter out2 = new StringWriter();
    assertThat(validate(file, out2, new StringWriter())).as(out2.toString()).isZero();
    // an rgb fixture's level scales its colour: it keeps its actuator
    assertThat(InstallationLoader.load(file).dmx().actuatorIds()).containsExactly("yoke/pan",
        "yoke/tilt", "bar");
  }

  private static String yamlAfter(Path doc, String heading) throws Exception {
    String text = Files.readString(doc);
    int section = text.indexOf(heading);
    assertThat(section).as(heading + " in " + doc).isNotNegative();
    int start = text.indexOf("```yaml\n", section) + "```yaml\n".length();
    return text.substring(start, text.indexOf("```", start));
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static int validate(Path file, StringWriter out, StringWriter err) {
    CommandLine cli = StreetsenseCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute("validate", file.toString());
  }

  static List<String> lines(String s) {
    return List.of(s.split("\n"));
  }
}
