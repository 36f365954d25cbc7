package org.streetsense.gateway.app;

import java.time.Duration;
import java.util.List;
import org.streetsense.gateway.config.InfluxApi;
import org.streetsense.gateway.config.InfluxSettings;
import org.streetsense.gateway.config.MqttSettings;
import org.streetsense.gateway.config.SecretException;
import org.streetsense.gateway.config.SecretRef;
import org.streetsense.gateway.config.SpoolSettings;
import org.streetsense.gateway.config.TlsSettings;
import org.streetsense.gateway.sink.influx.InfluxSinkOptions;
import org.streetsense.gateway.spool.FsyncPolicy;
import org.streetsense.gateway.spool.ForwarderOptions;
import org.streetsense.gateway.spool.FullPolicy;
import org.streetsense.gateway.spool.SpoolOptions;
import org.streetsense.gateway.uplink.MqttUplinkOptions;
import org.streetsense.gateway.uplink.TlsOptions;
import org.streetsense.gateway.uplink.UplinkMessage;

/**
 * Turns the validated installation file into the options of each feature. Secrets are resolved
 * here, at start-up, and never logged; a missing one fails with the variable or file it names.
 */
final class Settings {

  /** Segment size of large spools; smaller caps use an eighth of the cap. */
  static final long SEGMENT_BYTES = 4L << 20;

  private Settings() {}

  static MqttUplinkOptions uplink(MqttSettings m, java.util.function.Supplier<UplinkMessage> birth,
      java.util.function.Supplier<UplinkMessage> will) throws SecretException {
    return uplink(m, m.clientId(), birth, will);
  }

  /** The uplink with the file's settings but another client id (a tool beside the gateway). */
  static MqttUplinkOptions uplink(MqttSettings m, String clientId,
      java.util.function.Supplier<UplinkMessage> birth,
      java.util.function.Supplier<UplinkMessage> will) throws SecretException {
    MqttUplinkOptions.Builder b = MqttUplinkOptions.builder()
        .serverUri(m.pahoUrl())
        .clientId(clientId)
        .keepAlive(m.keepAlive())
        .reconnectMinDelay(Duration.ofMillis(500))
        .reconnectMaxDelay(Duration.ofSeconds(60))
        .birth(birth)
        .will(will);
    m.username().ifPresent(b::username);
    if (m.password().isPresent()) {
      char[] secret = m.password().get().resolve().toCharArray();
      b.password(() -> secret.clone());
    }
    if (m.tls().isPresent()) {
      TlsSettings t = m.tls().get();
      if (t.caFile().isPresent()) {
        b.tls(t.certFile().isPresent() && t.keyFile().isPresent()
            ? TlsOptions.mutual(t.caFile().get(), t.certFile().get(), t.keyFile().get())
            : TlsOptions.trusting(t.caFile().get()));
      }
    }
    return b.build();
  }

  static SpoolOptions spool(SpoolSettings s, String bootId) {
    return SpoolOptions.builder(s.dir())
        // the spool needs at least 4 segments under its cap; small caps (1 MB is allowed) get small segments
        .segmentBytes(Math.min(SEGMENT_BYTES, s.maxBytes() / 8))
        .maxBytes(s.maxBytes())
        .maxAge(s.maxAge())
        .fsyncPolicy(s.fsync())
        .groupCommitInterval(s.groupCommitInterval())
        .fullPolicy(FullPolicy.valueOf(s.whenFull().name()))
        .bootId(bootId)
        .build();
  }

  /**
   * Replay pacing of the MQTT forwarder: the configured rate on top of live data, a second of it
   * as burst; a paced backlog waits for batches of at least {@code readingsPerMessage}, so that
   * it fills its messages (decision 0384).
   */
  static ForwarderOptions forwarder(SpoolSettings s, int readingsPerMessage) {
    double perSecond = s.replayPerSecond();
    return ForwarderOptions.builder()
        .ratePerSecond(perSecond)
        .burst((int) Math.max(2000, Math.min(1_000_000, Math.ceil(perSecond))))
        .pacedBatch(readingsPerMessage)
        .build();
  }

  /**
   * Pacing of the InfluxDB forwarder: the spool's replay rate, batches of {@code batchSize}
   * points, and {@code flushInterval} as the longest a committed point waits without a wake-up.
   */
  static ForwarderOptions forwarder(SpoolSettings s, InfluxSettings influx) {
    double perSecond = s.replayPerSecond();
    return ForwarderOptions.builder()
        .ratePerSecond(perSecond)
        .burst((int) Math.max(2000, Math.min(1_000_000, Math.ceil(perSecond))))
        .batchSize(influx.batchSize())
        .idlePoll(influx.flushInterval())
        .build();
  }

  static InfluxSinkOptions influx(InfluxSettings s, String site) throws SecretException {
    InfluxSinkOptions.Builder b = InfluxSinkOptions.builder(s.url().toString())
        .site(site)
        .batchSize(s.batchSize());
    if (s.api() == InfluxApi.V2) {
      b.v2(s.org().orElseThrow(), s.bucket().orElseThrow(), resolve(s.token()));
    } else {
      b.v1(s.database().orElseThrow(), s.username().orElse(null), resolve(s.password()));
    }
    return b.build();
  }

  private static String resolve(java.util.Optional<SecretRef> ref) throws SecretException {
    return ref.isPresent() ? ref.get().resolve() : null;
  }

  static List<String> deviceIds(org.streetsense.gateway.config.Installation inst) {
    return inst.devices().stream().map(d -> d.id()).toList();
  }
}
