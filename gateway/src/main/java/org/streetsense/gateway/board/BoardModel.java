package org.streetsense.gateway.board;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which Arduino a board is, for the pins {@code validate} can check from the file alone: the
 * digital and analog pins it has, its PWM pins, and its serial pins (D0/D1, the USB link to the
 * gateway on every model, which no device may use). The board's own capabilities, reported when it
 * connects, still decide at run time.
 */
public enum BoardModel {
  /** Arduino Uno (ATmega328P): D0..D13, A0..A5, PWM on D3, D5, D6, D9, D10, D11. */
  UNO(13, 5, Set.of(), Set.of(3, 5, 6, 9, 10, 11)),
  /** Arduino Nano (ATmega328P): as the Uno, plus A6 and A7, which are analog inputs only. */
  NANO(13, 7, Set.of(6, 7), Set.of(3, 5, 6, 9, 10, 11)),
  /** Arduino Mega 2560: D0..D53, A0..A15, PWM on D2..D13 and D44..D46. */
  MEGA(53, 15, Set.of(), IntStream.concat(IntStream.rangeClosed(2, 13),
      IntStream.rangeClosed(44, 46)).boxed().collect(Collectors.toUnmodifiableSet()));

  private final int lastDigital;
  private final int lastAnalog;
  private final Set<Integer> analogInputOnly;
  private final Set<Integer> pwm;

  BoardModel(int lastDigital, int lastAnalog, Set<Integer> analogInputOnly, Set<Integer> pwm) {
    this.lastDigital = lastDigital;
    this.lastAnalog = lastAnalog;
    this.analogInputOnly = analogInputOnly;
    this.pwm = pwm;
  }

  /** The model when the file names none: the Uno, the usual board of a sensing installation. */
  public static final BoardModel DEFAULT = UNO;

  /** The name in the installation file: {@code uno}, {@code nano}, {@code mega}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code pin} ({@code D9}, {@code A2}) exists on this model. */
  public boolean has(String pin) {
    int n = Integer.parseInt(pin.substring(1));
    return pin.startsWith("A") ? n <= lastAnalog : n <= lastDigital;
  }

  /** Whether {@code pin} is one of the serial link's pins (D0 RX, D1 TX). */
  public static boolean serialPin(String pin) {
    return pin.equals("D0") || pin.equals("D1");
  }

  /** Whether {@code pin} can be an output (Nano A6/A7 are analog inputs only). */
  public boolean canOutput(String pin) {
    return !(pin.startsWith("A") && analogInputOnly.contains(Integer.parseInt(pin.substring(1))));
  }

  /** Whether {@code pin} makes PWM. */
  public boolean pwm(String pin) {
    return pin.startsWith("D") && pwm.contains(Integer.parseInt(pin.substring(1)));
  }

  /** The PWM pins, as {@code D3, D5, ...}. */
  public String pwmPins() {
    return pwm.stream().sorted().map(n -> "D" + n).collect(Collectors.joining(", "));
  }

  /** The usable pins, as {@code D2..D13 and A0..A5}. */
  public String pins() {
    return "D2..D" + lastDigital + " and A0..A" + lastAnalog;
  }
}
