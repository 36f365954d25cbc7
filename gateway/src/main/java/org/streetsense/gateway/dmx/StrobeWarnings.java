package org.streetsense.gateway.dmx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The warnings for fixtures whose strobe limit the file raised above the photosensitivity
 * guidance ({@link FixtureOptions#DEFAULT_MAX_STROBE_HZ} flashes per second): logged at start and
 * printed by {@code validate}. A raised limit is allowed (a stage with a warning sign may want
 * it), so it is never an error; it must not go unnoticed either.
 */
public final class StrobeWarnings {

  private StrobeWarnings() {}

  /** One line per fixture with {@code maxStrobeHz} above 3, in file order; empty when none. */
  public static List<String> of(List<FixtureOptions> fixtures) {
    List<String> out = new ArrayList<>();
    for (FixtureOptions f : fixtures) {
      if (f.maxStrobeHz() > FixtureOptions.DEFAULT_MAX_STROBE_HZ) {
        out.add(String.format(Locale.ROOT, "fixture '%s' may strobe up to %s flashes per second "
            + "(maxStrobeHz): above 3 per second flashing can trigger seizures in people with "
            + "photosensitive epilepsy (WCAG three flashes, ITU-R BT.1702); raise it only where "
            + "the audience is warned", f.id(), trim(f.maxStrobeHz())));
      }
    }
    return out;
  }

  private static String trim(double hz) {
    return hz == Math.rint(hz) ? Long.toString((long) hz) : Double.toString(hz);
  }
}
