package org.streetsense.gateway.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.streetsense.gateway.board.BoardSpec;

/**
 * A validated installation file. Immutable; obtained from {@link InstallationLoader}.
 *
 * @param source the file or resource name it was loaded from
 * @param identity who and where
 * @param hardware backend choice
 * @param boards microcontroller boards, in file order
 * @param devices devices, in file order
 * @param uplink MQTT uplink
 * @param sinks optional InfluxDB and OSC sinks
 * @param spool durable buffer settings
 * @param http local HTTP server settings
 * @param clock clock sanity settings
 * @param interaction safety allow-list, quiet hours, reflexes and OSC input
 * @param dmx DMX universes and fixtures ({@link DmxSettings#NONE} when absent)
 */
public record Installation(
    String source,
    Identity identity,
    HardwareSettings hardware,
    List<BoardSpec> boards,
    List<DeviceSpec> devices,
    UplinkSettings uplink,
    SinkSettings sinks,
    SpoolSettings spool,
    HttpSettings http,
    ClockSettings clock,
    InteractionSettings interaction,
    DmxSettings dmx) {

  public Installation {
    Objects.requireNonNull(dmx, "dmx");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(hardware, "hardware");
    Objects.requireNonNull(uplink, "uplink");
    Objects.requireNonNull(sinks, "sinks");
    Objects.requireNonNull(spool, "spool");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(interaction, "interaction");
    boards = List.copyOf(boards);
    devices = List.copyOf(devices);
  }

  /** An installation without interaction sections ({@link InteractionSettings#NONE}). */
  public Installation(String source, Identity identity, HardwareSettings hardware,
      List<BoardSpec> boards, List<DeviceSpec> devices, UplinkSettings uplink, SinkSettings sinks,
      SpoolSettings spool, HttpSettings http, ClockSettings clock) {
    this(source, identity, hardware, boards, devices, uplink, sinks, spool, http, clock,
        InteractionSettings.NONE, DmxSettings.NONE);
  }

  /** An installation without a {@code dmx} section. */
  public Installation(String source, Identity identity, HardwareSettings hardware,
      List<BoardSpec> boards, List<DeviceSpec> devices, UplinkSettings uplink, SinkSettings sinks,
      SpoolSettings spool, HttpSettings http, ClockSettings clock, InteractionSettings interaction) {
    this(source, identity, hardware, boards, devices, uplink, sinks, spool, http, clock,
        interaction, DmxSettings.NONE);
  }

  /** A copy with another uplink, e.g. the demo's embedded broker on {@code --mqtt-port}. */
  public Installation withUplink(UplinkSettings newUplink) {
    return new Installation(source, identity, hardware, boards, devices, newUplink, sinks, spool,
        http, clock, interaction, dmx);
  }

  /** A copy with other spool settings, e.g. a temporary directory for a demo or a test. */
  public Installation withSpool(SpoolSettings newSpool) {
    return new Installation(source, identity, hardware, boards, devices, uplink, sinks, newSpool,
        http, clock, interaction, dmx);
  }

  /** A copy with other HTTP settings, e.g. a free port in a test. */
  public Installation withHttp(HttpSettings newHttp) {
    return new Installation(source, identity, hardware, boards, devices, uplink, sinks, spool,
        newHttp, clock, interaction, dmx);
  }

  /** A copy with other interaction settings, e.g. a test's own reflexes. */
  public Installation withInteraction(InteractionSettings newInteraction) {
    return new Installation(source, identity, hardware, boards, devices, uplink, sinks, spool,
        http, clock, newInteraction, dmx);
  }

  /** A copy with other devices, e.g. the rig's simulated ones without PIR warm-up. */
  public Installation withDevices(List<DeviceSpec> newDevices) {
    return new Installation(source, identity, hardware, boards, newDevices, uplink, sinks, spool,
        http, clock, interaction, dmx);
  }

  /** A copy with other sinks, e.g. none for a rehearsal that must not write to the database. */
  public Installation withSinks(SinkSettings newSinks) {
    return new Installation(source, identity, hardware, boards, devices, uplink, newSinks, spool,
        http, clock, interaction, dmx);
  }

  /** A copy with other DMX settings. */
  public Installation withDmx(DmxSettings newDmx) {
    return new Installation(source, identity, hardware, boards, devices, uplink, sinks, spool,
        http, clock, interaction, newDmx);
  }

  /** The installation id (shortcut for {@code identity().installation()}). */
  public String id() {
    return identity.installation();
  }

  /** The device with {@code id}, if any. */
  public Optional<DeviceSpec> device(String id) {
    return devices.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** The board with {@code id}, if any. */
  public Optional<BoardSpec> board(String id) {
    return boards.stream().filter(b -> b.id().equals(id)).findFirst();
  }
}
