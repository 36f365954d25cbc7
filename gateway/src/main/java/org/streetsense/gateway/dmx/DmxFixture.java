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
 * safe level of 0 is a blackout: every light channel (dimmer, colour, strobe) 0, whatever the
 * fixture does with its dimmer. The strobe channel, if any, is driven by {@link #strobe()}, a
 * second actuator ({@code <id>/strobe}) limited to {@link FixtureOptions#maxStrobeHz}.
 *
 * <p>Pan and tilt, if the profile has them, are actuators of their own ({@code <id>/pan},
 * {@code <id>/tilt}, kind {@link ActuatorKind#MOTION}): level 0..1 is the position over the
 * channel's range, 16-bit when the profile has the fine channel; their safe level is the home
 * position ({@link FixtureOptions#safePan}, {@link FixtureOptions#safeTilt}). Raw channels hold
 * their profile value in every frame. A blackout (the safe look at level 0, or a universe's
 * {@code onStop: blackout}) darkens the light channels only: positions and raw channels keep
 * their values, so a moving head does not swing to a corner and its mode channels stay put.
 *
 * <p>Writing only changes the universe's frame (no blocking I/O); the universe's sender thread
 * puts it on the wire within one frame. Thread-safe.
 */
public final class DmxFixture implements ColourActuator {

  private final FixtureOptions options;
  private final DmxUniverse universe;
  private final Strobe strobe;
  private final Position pan;
  private final Position tilt;
  private double level;
  private double panLevel;
  private double tiltLevel;
  private double strobeLevel;
  private double[] colour;

  /** Creates the fixture and writes its safe look into the universe. */
  public DmxFixture(FixtureOptions options, DmxUniverse universe) {
    this.options = Objects.requireNonNull(options, "options");
    this.universe = Objects.requireNonNull(universe, "universe");
    this.strobe = options.hasStrobe() ? new Strobe() : null;
    this.pan = options.hasPan() ? new Position(options.panId(), options.safePan(), true) : null;
    this.tilt = options.hasTilt() ? new Position(options.tiltId(), options.safeTilt(), false) : null;
    this.panLevel = options.safePan();
    this.tiltLevel = options.safeTilt();
    universe.keepInBlackout(options.address(), blackout());
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

  /** The pan actuator; null when the profile has no pan channel. */
  public Actuator pan() {
    return pan;
  }

  /** The tilt actuator; null when the profile has no tilt channel. */
  public Actuator tilt() {
    return tilt;
  }

  /**
   * This fixture's actuators: the dimmer (unless the fixture has neither a dimmer nor colour
   * channels, {@link FixtureOptions#hasDimmer}: then nothing is behind it and it is left out),
   * then strobe, pan and tilt where it has them.
   */
  public List<Actuator> actuators() {
    List<Actuator> out = new java.util.ArrayList<>();
    if (options.hasDimmer()) {
      out.add(this);
    }
    for (Actuator a : new Actuator[] {strobe, pan, tilt}) {
      if (a != null) {
        out.add(a);
      }
    }
    return List.copyOf(out);
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

  /** The safe look: safe level and colour, strobe off (pan and tilt have safe states of their own). */
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
    boolean hasDimmer = p.has(ChannelRole.DIMMER);
    // at its safe look the fixture shows the safe colour (a blackout, every light channel 0, when
    // the safe level is 0); away from it, its colour
    boolean safeLook = level == options.safeLevel() && strobeLevel == 0;
    boolean dark = safeLook && options.safeLevel() == 0;
    double[] shown = safeLook ? toDouble(options.safeColour()) : colour;
    List<ChannelRole> colours = p.colours();
    for (int i = 0; i < out.length; i++) {
      ChannelRole role = p.channels().get(i);
      if (dark && role.light()) {
        out[i] = 0;
      } else if (role == ChannelRole.DIMMER) {
        out[i] = (int) Math.round(level * 255);
      } else if (role == ChannelRole.STROBE) {
        out[i] = p.strobe().orElseThrow().value(strobeLevel, options.maxStrobeHz());
      } else if (role.colour()) {
        double c = shown[colours.indexOf(role)];
        out[i] = (int) Math.round(hasDimmer ? c : c * level);
      } else {
        out[i] = positionOrRaw(i, role, panLevel, tiltLevel);
      }
    }
    return out;
  }

  /**
   * What a blackout sends on the fixture's channels: 0 on the light channels, pan and tilt at
   * home, raw channels at their values.
   */
  int[] blackout() {
    FixtureProfile p = options.profile();
    int[] out = new int[p.channels().size()];
    for (int i = 0; i < out.length; i++) {
      ChannelRole role = p.channels().get(i);
      out[i] = role.light() ? 0 : positionOrRaw(i, role, options.safePan(), options.safeTilt());
    }
    return out;
  }

  /**
   * Channel {@code i} (pan, tilt, their fine channels or raw) at pan and tilt positions 0..1:
   * with a fine channel the position is 16-bit (coarse the high byte, fine the low byte of
   * {@code round(position * 65535)}), without it {@code round(position * 255)}.
   */
  private int positionOrRaw(int i, ChannelRole role, double panAt, double tiltAt) {
    FixtureProfile p = options.profile();
    if (role == ChannelRole.RAW) {
      return p.raw().get(i);
    }
    double position = role.coarse() == ChannelRole.PAN ? panAt : tiltAt;
    ChannelRole fine = role.coarse() == ChannelRole.PAN ? ChannelRole.PAN_FINE : ChannelRole.TILT_FINE;
    if (!p.has(fine)) {
      return (int) Math.round(position * 255);
    }
    int wide = (int) Math.round(position * 65535);
    return role == fine ? wide & 0xff : wide >> 8;
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

  /**
   * Pan or tilt as an actuator: level 0..1 is the position over the channel's range, its safe
   * level the home position. Quiet hours leave it alone by default (kind motion), like servos.
   */
  private final class Position implements Actuator {
    private final String id;
    private final double home;
    private final boolean isPan;

    Position(String id, double home, boolean isPan) {
      this.id = id;
      this.home = home;
      this.isPan = isPan;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public ActuatorKind kind() {
      return ActuatorKind.MOTION;
    }

    @Override
    public double level() {
      synchronized (DmxFixture.this) {
        return isPan ? panLevel : tiltLevel;
      }
    }

    @Override
    public double safeLevel() {
      return home;
    }

    @Override
    public boolean position() {
      return true;
    }

    @Override
    public void apply(double newLevel) {
      synchronized (DmxFixture.this) {
        double v = Math.max(0, Math.min(1, newLevel));
        if (isPan) {
          panLevel = v;
        } else {
          tiltLevel = v;
        }
        render();
      }
    }

    @Override
    public void toSafeState() {
      apply(home);
    }

    @Override
    public void close() {
      toSafeState();
    }
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
