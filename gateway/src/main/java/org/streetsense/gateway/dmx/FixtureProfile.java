package org.streetsense.gateway.dmx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixture's channel layout from its start address: channel {@code i} of {@link #channels} is
 * DMX address {@code start + i}.
 *
 * @param name the profile's name in the installation file ({@code profile: rgbw})
 * @param description what fixtures it fits, for people
 * @param channels roles in address order, each at most once
 * @param strobe how the strobe channel maps to flash rates; present exactly when a channel is
 *     {@link ChannelRole#STROBE}
 */
public record FixtureProfile(String name, String description, List<ChannelRole> channels,
    Optional<StrobeRange> strobe) {

  public FixtureProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    channels = List.copyOf(channels);
    Objects.requireNonNull(strobe, "strobe");
    if (channels.isEmpty() || channels.size() > 512) {
      throw new IllegalArgumentException(name + ": a profile has 1..512 channels");
    }
    if (channels.stream().distinct().count() != channels.size()) {
      throw new IllegalArgumentException(name + ": each channel role at most once, was " + channels);
    }
    if (channels.contains(ChannelRole.STROBE) != strobe.isPresent()) {
      throw new IllegalArgumentException(name + ": a strobe channel needs its strobe range, and only it");
    }
  }

  /** The offset (0-based) of {@code role}, or -1. */
  public int offsetOf(ChannelRole role) {
    return channels.indexOf(role);
  }

  /** The colour channels in address order (what a colour value fills). */
  public List<ChannelRole> colours() {
    return channels.stream().filter(ChannelRole::colour).toList();
  }
}
