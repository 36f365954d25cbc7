package org.streetsense.gateway.uplink;

/**
 * A publish was refused because {@link MqttUplinkOptions#maxInflight()} messages await their
 * acknowledgement and {@link MqttUplinkOptions#maxQueued()} more wait behind them. The caller
 * retries later; nothing was sent.
 */
public final class UplinkOverloadedException extends RuntimeException {

  public UplinkOverloadedException(String message) {
    super(message);
  }
}
