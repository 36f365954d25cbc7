package org.streetsense.bridge.sim;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The electrical state of a simulated board: input levels and analog values that tests set, and
 * output levels, PWM duties and servo angles that commands set. Every change of an output is
 * logged at INFO as {@code simulated board <id>: <pin> <what>} (for example {@code D13 high},
 * {@code D9 pwm 128}, {@code D10 servo 90}), so a rehearsal's output shows what the board does.
 * Thread-safe.
 */
public final class SimulatedPins {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedPins.class);

  private final String boardId;
  private final Map<Integer, Boolean> inputs = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> analog = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> outputs = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> pwm = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> servo = new ConcurrentHashMap<>();
  private volatile double distanceMm = 1000;

  SimulatedPins(String boardId) {
    this.boardId = Objects.requireNonNull(boardId, "boardId");
  }

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

  /** The level a digital output pin drives, if the pin is a digital output. */
  public Optional<Boolean> output(int pin) {
    return Optional.ofNullable(outputs.get(pin));
  }

  void setOutput(int pin, boolean high) {
    pwm.remove(pin);
    servo.remove(pin);
    if (!Boolean.valueOf(high).equals(outputs.put(pin, high))) {
      LOG.info("simulated board {}: {} {}", boardId, UnoLayout.name(pin), high ? "high" : "low");
    }
  }

  /** The PWM duty (0..255) a pin drives, if the pin is a PWM output. */
  public Optional<Integer> pwm(int pin) {
    return Optional.ofNullable(pwm.get(pin));
  }

  void setPwm(int pin, int duty) {
    outputs.remove(pin);
    servo.remove(pin);
    if (!Integer.valueOf(duty).equals(pwm.put(pin, duty))) {
      LOG.info("simulated board {}: {} pwm {}", boardId, UnoLayout.name(pin), duty);
    }
  }

  /** The angle (degrees) a servo pin is driven to, if the pin drives a servo. */
  public Optional<Integer> servo(int pin) {
    return Optional.ofNullable(servo.get(pin));
  }

  void setServo(int pin, int degrees) {
    outputs.remove(pin);
    pwm.remove(pin);
    if (!Integer.valueOf(degrees).equals(servo.put(pin, degrees))) {
      LOG.info("simulated board {}: {} servo {}", boardId, UnoLayout.name(pin), degrees);
    }
  }

  /**
   * A reset or a power loss releases every output: the pins are inputs again (they float, which most modules
   * read as low), PWM and servo pulses stop.
   */
  void resetOutputs() {
    if (!outputs.isEmpty() || !pwm.isEmpty() || !servo.isEmpty()) {
      LOG.info("simulated board {}: outputs released", boardId);
    }
    outputs.clear();
    pwm.clear();
    servo.clear();
  }
}
