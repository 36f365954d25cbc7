package org.streetsense.gateway.board;

import java.time.Duration;
import java.util.Objects;
import org.streetsense.gateway.channel.ChannelOptions;
import org.streetsense.gateway.driver.DebounceMode;

/**
 * One device read through a board: which board and pin, how often, and how its single channel is
 * processed (the same {@link ChannelOptions} as devices on the Pi).
 *
 * @param deviceId device id of the installation file
 * @param driver driver name for status, for example {@code board-pin}
 * @param boardId id of an entry of {@code boards:}
 * @param pin board pin name, {@code A0}.., {@code D2}..; for {@link BoardInputKind#DISTANCE} the
 *     ranger's trigger pin or channel name (any ranger of the board is used if none has that name)
 * @param kind pin or distance ranger
 * @param interval how often the board sends readings (1 ms .. 65535 ms); {@link Duration#ZERO}
 *     for digital pins that report edges only
 * @param channel channel processing options; {@code channel.name()} names published readings
 * @param driverUnit unit of the values before calibration: {@code raw} counts, {@code bool} levels,
 *     {@code cm}
 * @param debounce a digital pin's debounce window (the {@code debounce} option, 0 ms .. 1 s): the
 *     lockout after a reported edge ({@link DebounceMode#LEADING}) or how long a level must be
 *     stable to count ({@link DebounceMode#TRAILING}); zero reports every edge. Not used by analog
 *     pins and rangers.
 * @param debounceMode a digital pin's debounce mode (the {@code debounceMode} option)
 */
public record BoardInputSpec(String deviceId, String driver, String boardId, String pin,
    BoardInputKind kind, Duration interval, ChannelOptions channel, String driverUnit,
    Duration debounce, DebounceMode debounceMode) {

  /** Longest sampling interval the Streetsense protocol can carry. */
  public static final Duration MAX_INTERVAL = Duration.ofMillis(0xFFFF);

  /**
   * A digital pin's debounce window when the file declares none (decision 0337): longer than the
   * bounce of large arcade buttons, shorter than the shortest press.
   */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(20);

  /** The longest debounce window the {@code debounce} option accepts. */
  public static final Duration MAX_DEBOUNCE = Duration.ofSeconds(1);

  public BoardInputSpec {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(boardId, "boardId");
    Objects.requireNonNull(pin, "pin");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(driverUnit, "driverUnit");
    Objects.requireNonNull(debounce, "debounce");
    Objects.requireNonNull(debounceMode, "debounceMode");
    if (debounce.isNegative() || debounce.compareTo(MAX_DEBOUNCE) > 0) {
      throw new IllegalArgumentException("debounce of " + deviceId + " must be 0ms..1s, was "
          + debounce);
    }
    if (interval.isNegative() || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException("interval of " + deviceId + " must be 0..65535 ms, was "
          + interval);
    }
  }

  /** An input with the default debounce ({@link #DEFAULT_DEBOUNCE}, leading). */
  public BoardInputSpec(String deviceId, String driver, String boardId, String pin,
      BoardInputKind kind, Duration interval, ChannelOptions channel, String driverUnit) {
    this(deviceId, driver, boardId, pin, kind, interval, channel, driverUnit, DEFAULT_DEBOUNCE,
        DebounceMode.LEADING);
  }

  /** Whether the pin is an analog pin ({@code A0}..). */
  public boolean analog() {
    return kind == BoardInputKind.PIN && pin.startsWith("A");
  }

  /** The number in the pin name: 0 for {@code A0}, 7 for {@code D7}. */
  public int pinNumber() {
    return Integer.parseInt(pin.substring(1));
  }
}
