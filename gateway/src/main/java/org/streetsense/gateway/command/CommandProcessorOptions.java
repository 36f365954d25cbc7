package org.streetsense.gateway.command;

import java.time.Duration;

/**
 * Tuning of the {@link CommandProcessor}.
 *
 * @param rememberedIds how many recent command ids are remembered for idempotency (bounded, so a
 *     flood of fresh ids cannot grow memory)
 * @param queueCapacity commands waiting for the actuator thread at most; more are refused as
 *     OVERLOADED
 * @param fadeStep interval between fade steps
 */
public record CommandProcessorOptions(int rememberedIds, int queueCapacity, Duration fadeStep) {

  public CommandProcessorOptions {
    if (rememberedIds < 1) {
      throw new IllegalArgumentException("rememberedIds must be >= 1, was " + rememberedIds);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be >= 1, was " + queueCapacity);
    }
    if (fadeStep.isZero() || fadeStep.isNegative()) {
      throw new IllegalArgumentException("fadeStep must be positive, was " + fadeStep);
    }
  }

  public static CommandProcessorOptions defaults() {
    return new CommandProcessorOptions(4096, 256, Duration.ofMillis(20));
  }
}
