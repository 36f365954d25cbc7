package org.streetsense.gateway.dmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a fixture writes into its universe's channels. */
class DmxFixtureTest {

  /** A universe that only keeps the frame. */
  static class Frame implements DmxUniverse {
    final Map<Integer, Integer> values = new HashMap<>();
    final Map<Integer, Integer> blackout = new HashMap<>();

    /** A universe that holds its last look on stop (the default), as a fixture asks at shutdown. */
    @Override
    public DmxUniverseOptions options() {
      return new DmxUniverseOptions("street", DmxProtocol.ARTNET,
          DmxUniverseOptions.Destination.UNICAST, "127.0.0.1", 6454, 0, 100,
          DmxUniverseOptions.DEFAULT_FPS, DmxUniverseOptions.DEFAULT_KEEP_ALIVE,
          DmxUniverseOptions.OnStop.HOLD);
    }

    @Override
    public void write(int address, int[] v) {
      for (int i = 0; i < v.length; i++) {
        values.put(address + i, v[i]);
      }
    }

    @Override
    public void keepInBlackout(int address, int[] v) {
      for (int i = 0; i < v.length; i++) {
        blackout.put(address + i, v[i]);
      }
    }

    @Override
    public int value(int address) {
      return values.getOrDefault(address, 0);
    }

    @Override
    public long packetsSent() {
      return 0;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private static FixtureOptions par(double maxStrobeHz) {
    return new FixtureOptions("par", "street", 20, FixtureProfiles.DIMMER_RGB_STROBE,
        new int[] {255, 128, 0}, 0, new int[] {255, 128, 0}, maxStrobeHz);
  }

  @Test
  void theSafeLookIsWrittenWhenTheFixtureIsCreated() {
    Frame f = new Frame();
    new DmxFixture(new FixtureOptions("lamp", "street", 5, FixtureProfiles.DIMMER_RGB,
        new int[] {255, 0, 0}, 0.2, new int[] {255, 200, 150}, 3), f);

    assertThat(f.values).containsEntry(5, 51).containsEntry(6, 255).containsEntry(7, 200)
        .containsEntry(8, 150);
  }

  @Test
  void aSafeLevelOfZeroIsABlackoutOfEveryChannel() {
    Frame f = new Frame();
    new DmxFixture(par(3), f);

    assertThat(f.values).containsEntry(20, 0).containsEntry(21, 0).containsEntry(22, 0)
        .containsEntry(23, 0).containsEntry(24, 0);
  }

  @Test
  void theLevelDrivesTheDimmerAndTheFixtureShowsItsColour() {
    Frame f = new Frame();
    DmxFixture par = new DmxFixture(par(3), f);
    par.apply(0.5);

    assertThat(f.values).containsEntry(20, 128).containsEntry(21, 255).containsEntry(22, 128)
        .containsEntry(23, 0).containsEntry(24, 0);
  }

  @Test
  void withoutADimmerChannelTheLevelScalesTheColour() {
    Frame f = new Frame();
    DmxFixture strip = new DmxFixture(new FixtureOptions("strip", "street", 1, FixtureProfiles.RGBW,
        new int[] {200, 100, 0, 50}, 0, new int[] {200, 100, 0, 50}, 3), f);
    strip.apply(0.5);

    assertThat(f.values).containsEntry(1, 100).containsEntry(2, 50).containsEntry(3, 0).containsEntry(4, 25);
  }

  @Test
  void aColourReplacesTheFileColourUntilTheSafeState() {
    Frame f = new Frame();
    DmxFixture par = new DmxFixture(par(3), f);
    par.apply(1);
    par.applyColour(new double[] {0, 64.4, 300});

    assertThat(f.values).containsEntry(20, 255).containsEntry(21, 0).containsEntry(22, 64)
        .containsEntry(23, 255);
    par.toSafeState();
    par.apply(1);
    assertThat(f.values).containsEntry(21, 255).containsEntry(22, 128).containsEntry(23, 0);
  }

  @Test
  void theStrobeNeverRunsFasterThanItsLimit() throws Exception {
    Frame f = new Frame();
    DmxFixture par = new DmxFixture(par(3), f);
    par.strobe().apply(1.0);

    int value = f.value(24);
    assertThat(value).isGreaterThan(StrobeRange.COMMON.openMax());
    assertThat(StrobeRange.COMMON.hz(value)).isLessThanOrEqualTo(3.0).isGreaterThan(2.9);
  }

  @Test
  void aRaisedStrobeLimitAllowsFasterFlashes() throws Exception {
    Frame f = new Frame();
    DmxFixture par = new DmxFixture(par(10), f);
    par.strobe().apply(1.0);

    assertThat(StrobeRange.COMMON.hz(f.value(24))).isLessThanOrEqualTo(10.0).isGreaterThan(9.9);
  }

  @Test
  void theSafeStateTurnsTheStrobeOffAndTheDimmerToItsSafeLevel() throws Exception {
    Frame f = new Frame();
    DmxFixture par = new DmxFixture(par(3), f);
    par.apply(1);
    par.strobe().apply(0.5);
    par.toSafeState();

    assertThat(f.values).containsEntry(20, 0).containsEntry(24, 0);
    assertThat(par.strobe().level()).isZero();
  }

  @Test
  void aFixturePastChannel512IsRefused() {
    assertThatThrownBy(() -> new FixtureOptions("par", "street", 510, FixtureProfiles.DIMMER_RGB_STROBE,
        new int[] {0, 0, 0}, 0, new int[] {0, 0, 0}, 3)).hasMessageContaining("starts at 1..508");
  }
}
