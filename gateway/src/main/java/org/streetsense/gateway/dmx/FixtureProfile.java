package org.streetsense.gateway.dmx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixture's channel layout from its start address: channel {@code i} of {@link #channels} is
 * DMX address {@code start + i}.
 *
 * @param name the profile's name in the installation file ({@code profile: rgbw})
 * @param description what fixtures it fits, for people
 * @param channels roles in address order, each at most once except {@link ChannelRole#RAW}; a
 *     fine channel ({@code pan-fine}, {@code tilt-fine}) only with its coarse one
 * @param strobe how the strobe channel maps to flash rates; present exactly when a channel is
 *     {@link ChannelRole#STROBE}
 * @param raw the constant value 0..255 of each {@link ChannelRole#RAW} channel, by its offset in
 *     {@code channels}; exactly the raw channels
 */
public record FixtureProfile(String name, String description, List<ChannelRole> channels,
    Optional<StrobeRange> strobe, Map<Integer, Integer> raw) {

  public FixtureProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    channels = List.copyOf(channels);
    Objects.requireNonNull(strobe, "strobe");
    raw = Map.copyOf(raw);
    if (channels.isEmpty() || channels.size() > 512) {
      throw new IllegalArgumentException(name + ": a profile has 1..512 channels");
    }
    List<ChannelRole> named = channels.stream().filter(r -> r != ChannelRole.RAW).toList();
    if (named.stream().distinct().count() != named.size()) {
      throw new IllegalArgumentException(name + ": each channel role at most once (raw excepted), was "
          + channels);
    }
    for (ChannelRole fine : List.of(ChannelRole.PAN_FINE, ChannelRole.TILT_FINE)) {
      if (channels.contains(fine) && !channels.contains(fine.coarse())) {
        throw new IllegalArgumentException(name + ": " + fine.configName() + " needs a "
            + fine.coarse().configName() + " channel");
      }
    }
    if (channels.contains(ChannelRole.STROBE) != strobe.isPresent()) {
      throw new IllegalArgumentException(name + ": a strobe channel needs its strobe range, and only it");
    }
    Map<Integer, Integer> expected = new HashMap<>();
    for (int i = 0; i < channels.size(); i++) {
      if (channels.get(i) == ChannelRole.RAW) {
        Integer v = raw.get(i);
        if (v == null) {
          throw new IllegalArgumentException(name + ": raw channel " + (i + 1) + " needs a value 0..255");
        }
        if (v < 0 || v > 255) {
          throw new IllegalArgumentException(name + ": raw channel " + (i + 1)
              + " value must be 0..255, was " + v);
        }
        expected.put(i, v);
      }
    }
    if (!expected.equals(raw)) {
      throw new IllegalArgumentException(name + ": raw values only for raw channels, was " + raw);
    }
  }

  /** A profile without raw channels. */
  public FixtureProfile(String name, String description, List<ChannelRole> channels,
      Optional<StrobeRange> strobe) {
    this(name, description, channels, strobe, Map.of());
  }

  /** The offset (0-based) of {@code role}, or -1 (the first one for {@link ChannelRole#RAW}). */
  public int offsetOf(ChannelRole role) {
    return channels.indexOf(role);
  }

  /** Whether the profile has a channel of {@code role}. */
  public boolean has(ChannelRole role) {
    return channels.contains(role);
  }

  /** The colour channels in address order (what a colour value fills). */
  public List<ChannelRole> colours() {
    return channels.stream().filter(ChannelRole::colour).toList();
  }
}
