package org.streetsense.gateway.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.status.ActuatorState;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.ConfigSummary;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.DeviceStatus;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.InstallationInfo;
import org.streetsense.gateway.status.LatestValue;
import org.streetsense.gateway.status.Location;
import org.streetsense.gateway.status.RecentEvent;
import org.streetsense.gateway.status.SensingKind;
import org.streetsense.gateway.status.UplinkStatus;

/**
 * A mutable {@link GatewayStatus} for tests: a fountain installation in Košice with public air
 * and light channels and two private ones, {@code mic-1/sound_level} and {@code
 * maint-1/door_open}, whose names must never show on a public surface. Thread-safe.
 */
public final class FakeGatewayStatus implements GatewayStatus {

  /** Names of private channels, to assert their absence. */
  public static final List<String> PRIVATE_NAMES = List.of("sound_level", "door_open");

  private final InstallationInfo installation = new InstallationInfo(
      "kosice-fountain-01",
      "Fontána na Hlavnej",
      Map.of("sk", "Interaktívna fontána, ktorá reaguje na dotyk a na ovzdušie okolo nej.",
          "en", "An interactive fountain that answers touch and the air around it."),
      "Mesto Košice, oddelenie inovácií (inovacie@kosice.example)",
      List.of("sk", "en"),
      "CC-BY-4.0",
      "Mesto Košice – Streetsense",
      Duration.ofDays(30),
      new Location(48.7208, 21.2577, "Hlavná ulica, Košice"));

  private final List<ChannelInfo> channels = List.of(
      channel("air-1", "temperature", "degC", SensingKind.AIR, true,
          "Teplota vzduchu", "Air temperature",
          "Mapujeme mestské tepelné ostrovy.", "We map the city's heat islands."),
      channel("air-1", "humidity", "%RH", SensingKind.AIR, true,
          "Vlhkosť vzduchu", "Air humidity",
          "Fontána ochladzuje okolie; chceme vidieť o koľko.", "To see how much the fountain "
              + "cools its surroundings."),
      channel("light-1", "illuminance", "lx", SensingKind.LIGHT, true,
          "Intenzita svetla", "Light level",
          "Svetlo fontány sa prispôsobuje súmraku.", "The fountain's light follows dusk."),
      channel("touch-1", "electrode3", "", SensingKind.TOUCH, true,
          "Dotyky na okraji fontány", "Touches on the fountain's rim",
          "Dotyk spúšťa vodné efekty.", "A touch starts the water effects."),
      channel("mic-1", "sound_level", "dBA", SensingKind.SOUND_LEVEL, false,
          "Hlučnosť", "Loudness", "Údržba", "Maintenance"),
      channel("maint-1", "door_open", "", SensingKind.INSTALLATION, false,
          "Dvierka", "Service door", "Údržba", "Maintenance"));

  private final Map<String, DeviceStatus> devices = new ConcurrentHashMap<>();
  private final List<String> deviceOrder = List.of("air-1", "light-1", "touch-1", "mic-1",
      "maint-1");
  private final Map<String, LatestValue> latest = new ConcurrentHashMap<>();
  private final List<RecentEvent> events = new CopyOnWriteArrayList<>();
  private volatile UplinkStatus uplink = uplink(true, 0, 0.1);
  private volatile java.util.function.Supplier<List<org.streetsense.gateway.status.ListenerStatus>>
      listeners = List::of;
  private volatile List<ActuatorState> actuators = List.of(
      new ActuatorState("pump-1", "on", false, Instant.parse("2026-11-27T08:00:00Z")),
      new ActuatorState("leds-1", "40%", false, Instant.parse("2026-11-27T08:00:00Z")));

  public FakeGatewayStatus() {
    devices.put("air-1", new DeviceStatus("air-1", "bme280", DeviceState.OK, null, null, 0));
    devices.put("light-1", new DeviceStatus("light-1", "bh1750", DeviceState.OK, null, null, 0));
    devices.put("touch-1", new DeviceStatus("touch-1", "mpr121", DeviceState.OK, null, null, 0));
    devices.put("mic-1", new DeviceStatus("mic-1", "loudness", DeviceState.OK, null, null, 0));
    devices.put("maint-1", new DeviceStatus("maint-1", "gpio-input", DeviceState.OK, null, null,
        0));
    Instant t = Instant.now();
    putLatest("air-1", "temperature", 21.5, "degC", t);
    putLatest("air-1", "humidity", 48.0, "%RH", t);
    putLatest("light-1", "illuminance", 320.0, "lx", t);
    putLatest("mic-1", "sound_level", 61.2, "dBA", t);
    putLatest("maint-1", "door_open", 0, "", t);
  }

  private static ChannelInfo channel(String device, String name, String unit, SensingKind kind,
      boolean isPublic, String whatSk, String whatEn, String whySk, String whyEn) {
    return new ChannelInfo(device, name, unit, kind, isPublic,
        Map.of("sk", whatSk, "en", whatEn), Map.of("sk", whySk, "en", whyEn));
  }

  /** An uplink state with the given essentials and a broker URL carrying credentials. */
  public static UplinkStatus uplink(boolean connected, long backlog, double spoolFill) {
    return new UplinkStatus(connected, "ssl://gateway:s3cret@mqtt.kosice.example:8883", backlog,
        spoolFill, backlog == 0 ? Duration.ZERO : Duration.ofMinutes(12),
        Map.of("spool_full", 3L), 2, false, 0);
  }

  /** A new state; {@code error} null keeps the last error, as the gateway does on recovery. */
  public void setDevice(String id, DeviceState state, String error) {
    devices.compute(id, (k, old) -> new DeviceStatus(id, old.driver(), state,
        error == null ? old.lastError() : error,
        error == null ? old.lastErrorAt() : Instant.now(),
        old.errorCount() + (error == null ? 0 : 1)));
  }

  public void setListeners(List<org.streetsense.gateway.status.ListenerStatus> statuses) {
    List<org.streetsense.gateway.status.ListenerStatus> copy = List.copyOf(statuses);
    listeners = () -> copy;
  }

  /** Listener statuses read from {@code live} at each call, as the running gateway does. */
  public void listenersFrom(
      java.util.function.Supplier<List<org.streetsense.gateway.status.ListenerStatus>> live) {
    listeners = live;
  }

  @Override
  public List<org.streetsense.gateway.status.ListenerStatus> listeners() {
    return listeners.get();
  }

  public void setUplink(UplinkStatus status) {
    this.uplink = status;
  }

  public void putLatest(String device, String channel, double value, String unit, Instant t) {
    latest.put(device + "/" + channel,
        new LatestValue(device, channel, value, unit, Quality.GOOD, t, latest.size() + 1));
  }

  /** Shows an actuator's new level, as the gateway's live status does; adds unknown ones. */
  public synchronized void actuator(org.streetsense.gateway.command.ActuatorState s) {
    ActuatorState shown = new ActuatorState(s.actuator(), s.level() >= 1 ? "on"
        : s.level() <= 0 ? "off" : String.format(java.util.Locale.ROOT, "%.2f", s.level()),
        s.safe(), Instant.ofEpochMilli(s.tsMillis()), s.level());
    List<ActuatorState> next = new java.util.ArrayList<>(actuators);
    next.removeIf(a -> a.id().equals(s.actuator()));
    next.add(shown);
    actuators = List.copyOf(next);
  }

  public void addEvent(RecentEvent event) {
    events.add(0, event);
  }

  /** Operator contact, local zone, a broker, a database, and a light that answers touch. */
  @Override
  public org.streetsense.gateway.status.PublicDisclosure disclosure() {
    return new org.streetsense.gateway.status.PublicDisclosure(
        java.util.Optional.of("opendata@kosice.example"), java.time.ZoneId.of("Europe/Bratislava"),
        "mqtt.kosice.example", true, java.util.Optional.of("influx.kosice.example"),
        List.of("192.168.10.20"),
        Duration.ofDays(14), List.of(new org.streetsense.gateway.status.PublicDisclosure.Effect(
            "leds-1", "light", List.of(new org.streetsense.gateway.status.PublicDisclosure.Trigger(
                "touch-1", "touch-1/electrode3", "touch_start", java.util.OptionalDouble.empty(),
                java.util.OptionalDouble.empty(), 1),
            new org.streetsense.gateway.status.PublicDisclosure.Trigger("mic-1",
                "mic-1/sound_level", "", java.util.OptionalDouble.of(85),
                java.util.OptionalDouble.empty(), 3)))), Map.of());
  }

  @Override
  public InstallationInfo installation() {
    return installation;
  }

  @Override
  public List<DeviceStatus> devices() {
    List<DeviceStatus> out = new ArrayList<>();
    deviceOrder.forEach(id -> out.add(devices.get(id)));
    return List.copyOf(out);
  }

  @Override
  public List<ChannelInfo> channels() {
    return channels;
  }

  @Override
  public List<LatestValue> latestValues() {
    List<LatestValue> out = new ArrayList<>();
    for (ChannelInfo c : channels) {
      LatestValue v = latest.get(c.key());
      if (v != null) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public UplinkStatus uplink() {
    return uplink;
  }

  @Override
  public List<RecentEvent> recentEvents() {
    return List.copyOf(events);
  }

  @Override
  public List<ActuatorState> actuators() {
    return actuators;
  }

  @Override
  public ConfigSummary config() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("devices", "5");
    details.put("public channels", "4 of 6");
    details.put("config version", "0");
    details.put("config digest", "sha256:9c1d5f0e51d3b8a7c6e5f4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a090");
    return new ConfigSummary("/etc/streetsense/kosice-fountain-01.yaml", "3f9a1c2e",
        Instant.parse("2026-11-27T07:59:00Z"), List.of("mqtt", "influxdb"), details);
  }
}
