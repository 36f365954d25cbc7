package org.streetsense.gateway.command;

import java.time.Duration;

/**
 * Tuning of the {@link CommandProcessor}.
 *
 * @param rememberedIds how many recent command ids are remembered for idempotency (bounded, so a
 *     flood of fresh ids cannot grow memory)
 * @param queueCapacity commands waiting for the actuator thread at most; more are refused as
 *     OVERLOADED
 * @param fadeStep interval between fade steps (the hardware is driven this often)
 * @param rampStateInterval while a fade runs, states are published at most this often (besides
 *     the state when it starts, which carries target and duration, and the state when it ends)
 * @param boot the gateway's boot number (>= 0), part of the ids the gateway gives its own
 *     commands ({@link CommandProcessor#internalId}), so they are unique across restarts
 */
public record CommandProcessorOptions(int rememberedIds, int queueCapacity, Duration fadeStep,
    Duration rampStateInterval, long boot) {

  /** Options for boot 0 (tests and tools that run once). */
  public CommandProcessorOptions(int rememberedIds, int queueCapacity, Duration fadeStep,
      Duration rampStateInterval) {
    this(rememberedIds, queueCapacity, fadeStep, rampStateInterval, 0);
  }

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
    if (boot < 0) {
      throw new IllegalArgumentException("boot must be >= 0, was " + boot);
    }
    if (rampStateInterval.isZero() || rampStateInterval.isNegative()) {
      throw new IllegalArgumentException("rampStateInterval must be positive, was "
          + rampStateInterval);
    }
  }

  /** These options for boot {@code boot}. */
  public CommandProcessorOptions withBoot(long boot) {
    return new CommandProcessorOptions(rememberedIds, queueCapacity, fadeStep, rampStateInterval, boot);
  }

  public static CommandProcessorOptions defaults() {
    return new CommandProcessorOptions(4096, 256, Duration.ofMillis(20), Duration.ofMillis(250));
  }
}
