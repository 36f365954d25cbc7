package org.streetsense.rigs.board;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The electrical state of a simulated board: input levels and analog values that tests set, and
 * output levels and PWM duties that commands set. Thread-safe.
 */
public final class SimulatedPins {

  private final Map<Integer, Boolean> inputs = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> analog = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> outputs = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> pwm = new ConcurrentHashMap<>();
  private volatile double distanceMm = 1000;

  public boolean input(int pin) {
    return inputs.getOrDefault(pin, false);
  }

  void setInput(int pin, boolean high) {
    inputs.put(pin, high);
  }

  /** Analog counts (0..1023) of analog channel {@code channel} (0 is A0). */
  public int analog(int channel) {
    return analog.getOrDefault(channel, 0);
  }

  void setAnalog(int channel, int counts) {
    analog.put(channel, counts);
  }

  public double distanceMm() {
    return distanceMm;
  }

  void setDistanceMm(double mm) {
    distanceMm = mm;
  }

  /** The level a command drove on an output pin, if any. */
  public Optional<Boolean> output(int pin) {
    return Optional.ofNullable(outputs.get(pin));
  }

  void setOutput(int pin, boolean high) {
    outputs.put(pin, high);
  }

  /** The PWM duty a command set on a pin, if any. */
  public Optional<Integer> pwm(int pin) {
    return Optional.ofNullable(pwm.get(pin));
  }

  void setPwm(int pin, int duty) {
    pwm.put(pin, duty);
  }

  /** A reset drives every output low and stops PWM, as a real board's pins float after reset. */
  void resetOutputs() {
    outputs.clear();
    pwm.clear();
  }
}
