package org.streetsense.gateway.config.impl;

import java.time.Duration;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.config.PassersBy;
import org.streetsense.gateway.config.Presence;
import org.streetsense.gateway.config.Smoothing;
import org.streetsense.gateway.config.SmoothingMethod;
import org.streetsense.gateway.config.Touch;

/** Reads the interaction blocks of a channel: smoothing, presence, touch, passersBy. */
final class ChannelExtras {

  private final Problems problems;
  private final DriverDescriptor driver;

  ChannelExtras(Problems problems, DriverDescriptor driver) {
    this.problems = problems;
    this.driver = driver;
  }

  Smoothing smoothing(YamlNode node) {
    Fields f = Fields.of(node, problems, "smoothing", "method", "alpha", "window");
    if (f == null) {
      return null;
    }
    SmoothingMethod method = f.choice("method", SmoothingMethod.class, "smoothing method",
        SmoothingMethod.EMA);
    Double alpha = Checks.number(f, "alpha", 0, 1, "an ema weight", 0.3);
    if (alpha != null && alpha <= 0) {
      problems.at(f.node("alpha"), "alpha must be above 0; allowed (0, 1]");
      return null;
    }
    Long window = f.integer("window", 2, 100, "a number of samples", 5L);
    if (method == SmoothingMethod.EMA && f.has("window")) {
      Checks.forbid(f, "window", "with method ema (it uses alpha)");
      return null;
    }
    if (method != null && method != SmoothingMethod.EMA && f.has("alpha")) {
      Checks.forbid(f, "alpha", "with method " + method.configName() + " (it uses window)");
      return null;
    }
    if (method == null || alpha == null || window == null) {
      return null;
    }
    return new Smoothing(method, alpha, window.intValue());
  }

  Presence presence(YamlNode node) {
    if (driver.reportsPresence()) {
      problems.at(node, "presence does not apply to " + driver.configName() + ": the driver itself reports presence_enter "
          + "and presence_leave on channel motion (with warmUp and hold); remove it");
      return null;
    }
    Fields f = Fields.of(node, problems, "presence", "enter", "leave");
    if (f == null) {
      return null;
    }
    YamlNode enterNode = f.required("enter", "the value at which presence begins");
    YamlNode leaveNode = f.required("leave", "the value at which presence ends");
    Double enter = enterNode == null ? null : Values.number(enterNode, problems);
    Double leave = leaveNode == null ? null : Values.number(leaveNode, problems);
    if (enter == null || leave == null) {
      return null;
    }
    if (enter.equals(leave)) {
      problems.at(node, "enter and leave are both " + Checks.plain(enter) + "; they must differ "
          + "to give hysteresis (e.g. enter: 80, leave: 100 for a distance in cm)");
      return null;
    }
    return new Presence(enter, leave);
  }

  Touch touch(YamlNode node) {
    if (!driver.touchElectrodes()) {
      problems.at(node, "touch applies to mpr121 electrodes only, not to " + driver.configName());
      return null;
    }
    Fields f = Fields.of(node, problems, "touch", "threshold", "release");
    if (f == null) {
      return null;
    }
    Long threshold = f.integer("threshold", 1, 255, "a touch threshold",
        (long) Touch.DEFAULT.threshold());
    Long release = f.integer("release", 0, 254, "a release threshold",
        (long) Touch.DEFAULT.release());
    if (threshold == null || release == null) {
      return null;
    }
    if (release >= threshold) {
      problems.at(node, "release " + release + " must be below threshold " + threshold);
      return null;
    }
    return new Touch(threshold.intValue(), release.intValue());
  }

  PassersBy passersBy(YamlNode node) {
    Fields f = Fields.of(node, problems, "passersBy", "window");
    if (f == null) {
      return null;
    }
    if (f.required("window", "the counting window, e.g. 15m") == null) {
      return null;
    }
    Duration window = f.duration("window", null, Duration.ofSeconds(1), Duration.ofDays(1));
    return window == null ? null : new PassersBy(window);
  }
}
