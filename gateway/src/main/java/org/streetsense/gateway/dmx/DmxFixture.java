package org.streetsense.gateway.dmx;

import java.util.List;
import java.util.Objects;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.ColourActuator;

/**
 * A DMX fixture's dimmer as an actuator (kind {@link ActuatorKind#LIGHT}, level 0..1), so it takes
 * the same commands, state topics, quiet hours, reflexes and OSC addresses as any other light.
 * The level goes to the dimmer channel; a profile without one (plain RGB) scales its colour
 * channels by the level instead. At its safe look it shows its safe colour at its safe level; a
 * safe level of 0 is a blackout: every channel 0, whatever the fixture does with its dimmer. The strobe channel, if any, is driven by {@link #strobe()}, a
 * second actuator ({@code <id>/strobe}) limited to {@link FixtureOptions#maxStrobeHz}.
 *
 * <p>Writing only changes the universe's frame (no blocking I/O); the universe's sender thread
 * puts it on the wire within one frame. Thread-safe.
 */
public final class DmxFixture implements ColourActuator {

  private final FixtureOptions options;
  private final DmxUniverse universe;
  private final Strobe strobe;
  private double level;
  private double strobeLevel;
  private double[] colour;

  /** Creates the fixture and writes its safe look into the universe. */
  public DmxFixture(FixtureOptions options, DmxUniverse universe) {
    this.options = Objects.requireNonNull(options, "options");
    this.universe = Objects.requireNonNull(universe, "universe");
    this.strobe = options.hasStrobe() ? new Strobe() : null;
    toSafeState();
  }

  public FixtureOptions options() {
    return options;
  }

  /** The universe this fixture writes into. */
  DmxUniverse universe() {
    return universe;
  }

  /** The strobe actuator; null when the profile has no strobe channel. */
  public Actuator strobe() {
    return strobe;
  }

  /** This fixture's actuators: the dimmer, then the strobe if it has one. */
  public List<Actuator> actuators() {
    return strobe == null ? List.of(this) : List.of(this, strobe);
  }

  @Override
  public String id() {
    return options.id();
  }

  @Override
  public ActuatorKind kind() {
    return ActuatorKind.LIGHT;
  }

  @Override
  public synchronized double level() {
    return level;
  }

  @Override
  public double safeLevel() {
    return options.safeLevel();
  }

  @Override
  public synchronized void apply(double newLevel) {
    level = Math.max(0, Math.min(1, newLevel));
    render();
  }

  /** The safe look: safe level and colour, strobe off. */
  @Override
  public synchronized void toSafeState() {
    level = options.safeLevel();
    strobeLevel = 0;
    colour = declaredColour();
    render();
  }

  /**
   * On a universe that blacks out on stop ({@code onStop: blackout}): level 0, colour and strobe
   * 0, what the receiver shows after the universe's last frames; otherwise the safe look.
   */
  @Override
  public synchronized void toStopState() {
    if (!blackoutOnStop()) {
      toSafeState();
      return;
    }
    level = 0;
    strobeLevel = 0;
    colour = new double[colour.length];
    render();
  }

  @Override
  public double stopLevel() {
    return blackoutOnStop() ? 0 : safeLevel();
  }

  private boolean blackoutOnStop() {
    return universe.options().onStop() == org.streetsense.gateway.dmx.DmxUniverseOptions.OnStop.BLACKOUT;
  }

  /** Drives the safe look; the universe is closed by its owner. */
  @Override
  public void close() {
    toSafeState();
  }

  /** The DMX values of the fixture's channels now, in address order. */
  public synchronized int[] channels() {
    FixtureProfile p = options.profile();
    int[] out = new int[p.channels().size()];
    boolean hasDimmer = p.offsetOf(ChannelRole.DIMMER) >= 0;
    // at its safe look the fixture shows the safe colour (a blackout, every channel 0, when the
    // safe level is 0); away from it, its colour
    boolean safeLook = level == options.safeLevel() && strobeLevel == 0;
    if (safeLook && options.safeLevel() == 0) {
      return out;
    }
    double[] shown = safeLook ? toDouble(options.safeColour()) : colour;
    List<ChannelRole> colours = p.colours();
    for (int i = 0; i < out.length; i++) {
      ChannelRole role = p.channels().get(i);
      if (role == ChannelRole.DIMMER) {
        out[i] = (int) Math.round(level * 255);
      } else if (role == ChannelRole.STROBE) {
        out[i] = p.strobe().orElseThrow().value(strobeLevel, options.maxStrobeHz());
      } else {
        double c = shown[colours.indexOf(role)];
        out[i] = (int) Math.round(hasDimmer ? c : c * level);
      }
    }
    return out;
  }

  @Override
  public int colourChannels() {
    return options.profile().colours().size();
  }

  @Override
  public synchronized double[] colour() {
    return colour.clone();
  }

  /**
   * Shows {@code newColour} from now on (each value clamped to 0..255); at the safe look the
   * safe colour stays until the level leaves it. The safe state brings back the file's colour.
   */
  @Override
  public synchronized void applyColour(double[] newColour) {
    if (newColour.length != colourChannels()) {
      throw new IllegalArgumentException(id() + " has " + colourChannels() + " colour channels, got "
          + newColour.length + " values");
    }
    double[] c = new double[newColour.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = Math.max(0, Math.min(255, newColour[i]));
    }
    colour = c;
    render();
  }

  private double[] declaredColour() {
    return toDouble(options.colour());
  }

  private static double[] toDouble(int[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private void render() {
    universe.write(options.address(), channels());
  }

  /** The strobe channel as an actuator: level 0 is off, 0..1 runs up to the fixture's limit. */
  private final class Strobe implements Actuator {

    @Override
    public String id() {
      return options.strobeId();
    }

    @Override
    public ActuatorKind kind() {
      return ActuatorKind.LIGHT;
    }

    @Override
    public double level() {
      synchronized (DmxFixture.this) {
        return strobeLevel;
      }
    }

    @Override
    public double safeLevel() {
      return 0;
    }

    @Override
    public void apply(double newLevel) {
      synchronized (DmxFixture.this) {
        strobeLevel = Math.max(0, Math.min(1, newLevel));
        render();
      }
    }

    @Override
    public void toSafeState() {
      apply(0);
    }

    @Override
    public void close() {
      toSafeState();
    }
  }
}
