package org.streetsense.gateway.driver.spec;

import java.util.List;
import java.util.Map;

/**
 * Turns the channels the file declares into the driver options that describe them (the list of
 * ADC inputs, the number of touch electrodes). Runs once per device when it is assembled.
 */
@FunctionalInterface
public interface ChannelLayout {

  /** No options from the channels. */
  ChannelLayout NONE = (channels, options) -> { };

  /**
   * @param channels the declared channels, in file order
   * @param options the driver options being built; add entries here
   */
  void apply(List<DeclaredChannel> channels, Map<String, Object> options);
}
