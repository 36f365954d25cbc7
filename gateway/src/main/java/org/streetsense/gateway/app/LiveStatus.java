package org.streetsense.gateway.app;

import java.time.Duration;
import java.time.Instant;
import org.streetsense.gateway.status.PublicDisclosure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.streetsense.gateway.command.ActuatorState;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Reading;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.ConfigSummary;
import org.streetsense.gateway.status.DeviceStatus;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.InstallationInfo;
import org.streetsense.gateway.status.LatestValue;
import org.streetsense.gateway.status.ListenerStatus;
import org.streetsense.gateway.status.RecentEvent;
import org.streetsense.gateway.status.UplinkStatus;

/**
 * The running gateway's read model for the HTTP surfaces. The pipeline feeds it every accepted
 * observation and actuator change; device and uplink status come from suppliers that read
 * snapshots. Every getter returns an immutable snapshot without blocking. Thread-safe.
 */
final class LiveStatus implements GatewayStatus {

  private static final int RECENT_EVENTS = 50;

  private final InstallationInfo installation;
  private final PublicDisclosure disclosure;
  private final List<ChannelInfo> channels;
  private final ConfigSummary config;
  private final Supplier<List<DeviceStatus>> devices;
  private final Map<String, LatestValue> latest = new ConcurrentHashMap<>();
  private final Deque<RecentEvent> events = new ArrayDeque<>();
  private final Map<String, org.streetsense.gateway.status.ActuatorState> actuators;
  private volatile UplinkStatus uplink;
  private final List<Supplier<ListenerStatus>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  LiveStatus(InstallationInfo installation, List<ChannelInfo> channels, ConfigSummary config,
      Supplier<List<DeviceStatus>> devices, List<String> actuatorIds, String brokerUrl,
      PublicDisclosure disclosure) {
    this.disclosure = Objects.requireNonNull(disclosure, "disclosure");
    this.installation = Objects.requireNonNull(installation, "installation");
    this.channels = List.copyOf(channels);
    this.config = Objects.requireNonNull(config, "config");
    this.devices = Objects.requireNonNull(devices, "devices");
    Map<String, org.streetsense.gateway.status.ActuatorState> initial = new LinkedHashMap<>();
    for (String id : actuatorIds) {
      initial.put(id, new org.streetsense.gateway.status.ActuatorState(id, "safe", true, Instant.now()));
    }
    this.actuators = java.util.Collections.synchronizedMap(initial);
    this.uplink = new UplinkStatus(false, brokerUrl, 0, 0, Duration.ZERO, Map.of(), 0, false, 1.0);
  }

  /** Records an accepted observation. */
  void observed(Observation o) {
    Instant t = Instant.ofEpochMilli(o.time().epochMillis());
    if (o instanceof Reading r) {
      latest.put(r.device() + "/" + r.channel(),
          new LatestValue(r.device(), r.channel(), r.value(), r.unit(), r.quality(), t, r.seq()));
    } else if (o instanceof InteractionEvent e) {
      synchronized (events) {
        events.addFirst(new RecentEvent(e.device(), e.channel(), e.type(), e.value(), t));
        while (events.size() > RECENT_EVENTS) {
          events.removeLast();
        }
      }
    }
  }

  /** Records an actuator change. */
  void actuator(ActuatorState s) {
    String state = s.level() == Math.rint(s.level()) && s.level() <= 1
        ? (s.level() >= 1 ? "on" : "off")
        : String.format(java.util.Locale.ROOT, "%.2f", s.level());
    actuators.put(s.actuator(), new org.streetsense.gateway.status.ActuatorState(
        s.actuator(), state, s.safe(), Instant.ofEpochMilli(s.tsMillis()), s.level()));
  }

  void uplink(UplinkStatus status) {
    this.uplink = status;
  }

  /** Adds a network listener whose liveness {@code /health} reports; the supplier must not block. */
  void listener(Supplier<ListenerStatus> status) {
    listeners.add(Objects.requireNonNull(status, "status"));
  }

  @Override
  public List<ListenerStatus> listeners() {
    return listeners.stream().map(Supplier::get).toList();
  }

  @Override
  public InstallationInfo installation() {
    return installation;
  }

  @Override
  public PublicDisclosure disclosure() {
    return disclosure;
  }

  @Override
  public List<DeviceStatus> devices() {
    return devices.get();
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
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  @Override
  public List<org.streetsense.gateway.status.ActuatorState> actuators() {
    synchronized (actuators) {
      return List.copyOf(actuators.values());
    }
  }

  @Override
  public ConfigSummary config() {
    return config;
  }
}
