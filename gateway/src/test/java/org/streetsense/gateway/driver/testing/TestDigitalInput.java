package org.streetsense.gateway.driver.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.EdgeEvent;
import org.streetsense.gateway.hardware.ListenerRegistration;

/** A digital input the test drives: {@link #set(boolean)} fires an edge stamped with test time. */
public final class TestDigitalInput implements DigitalInput {

  private final int pin;
  private final TimeSource time;
  private final List<Consumer<EdgeEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean level;
  private volatile boolean open;

  TestDigitalInput(int pin, TimeSource time) {
    this.pin = pin;
    this.time = time;
  }

  void reopen() {
    open = true;
  }

  public boolean isOpen() {
    return open;
  }

  @Override
  public int pin() {
    return pin;
  }

  @Override
  public boolean read() {
    return level;
  }

  /** Sets the level; an edge is delivered to listeners when it changes. */
  public void set(boolean high) {
    if (high == level) {
      return;
    }
    level = high;
    EdgeEvent e = new EdgeEvent(pin, high, time.monotonicNanos());
    listeners.forEach(l -> l.accept(e));
  }

  /** Bounces: toggles {@code bounces} times every {@code period}, ending at {@code high}. */
  public void bounceTo(boolean high, int bounces, Duration period, ManualScheduler scheduler) {
    for (int i = 0; i < bounces; i++) {
      set(i % 2 == 0 ? high : !high);
      scheduler.advance(period);
    }
    set(high);
  }

  public int listenerCount() {
    return listeners.size();
  }

  @Override
  public ListenerRegistration onEdge(Consumer<EdgeEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    open = false;
    listeners.clear();
  }
}
