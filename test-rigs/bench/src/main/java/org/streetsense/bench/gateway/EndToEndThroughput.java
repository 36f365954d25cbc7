package org.streetsense.bench.gateway;

import java.nio.file.Path;
import java.time.Duration;
import org.streetsense.bench.Throughput;
import org.streetsense.bench.Workload;
import org.streetsense.bench.broker.CountingSubscriber;
import org.streetsense.gateway.sink.mqtt.MqttSinkOptions;

/**
 * End-to-end throughput: {@code readings} readings from {@code devices} device ids are appended
 * to the gateway's spool as fast as it accepts them, and forwarded by the gateway's own forwarder
 * and {@code MqttSink} at QoS 1; the rate is counted at a QoS 1 subscriber on
 * {@code streetsense/v1/bench/+/reading}, from the first append to the last arrival.
 */
public final class EndToEndThroughput {

  private EndToEndThroughput() {}

  public static Throughput run(Path spoolDir, String brokerUrl, CountingSubscriber sub,
      MqttSinkOptions mode, int devices, int readings, Duration timeout) throws Exception {
    try (GatewayRig rig = GatewayRig.start(spoolDir, brokerUrl, mode, 2000, 10_000_000)) {
      sub.reset();
      long start = System.nanoTime();
      long accepted = Appender.appendAll(rig.spool(), readings, 20_000,
          k -> Workload.reading(k, devices), timeout);
      long left = timeout.toNanos() - (System.nanoTime() - start);
      sub.awaitReadings(accepted, Duration.ofNanos(Math.max(1, left)));
      return Throughput.measured(readings, sub, start);
    }
  }
}
