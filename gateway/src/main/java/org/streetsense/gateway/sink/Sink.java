package org.streetsense.gateway.sink;

import io.vertx.core.Future;
import java.util.List;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.Observation;

/**
 * A destination the spool forwards accepted observations to: the MQTT uplink, InfluxDB, OSC.
 * Each sink has its own persisted cursor in the spool, so a slow or absent sink never holds back
 * another.
 *
 * <p>Threading: methods are called from the spool's Vert.x context and must not block it; the
 * returned futures may complete on any thread. Calls may overlap: the forwarder keeps several
 * telemetry batches, several interactive batches (each handed over before the previous one is
 * acknowledged) and gap reports in flight at the same time, so interaction events never wait
 * behind a telemetry batch or a slow acknowledgement. Calls are made in lane order; a sink must
 * send the batches of a lane in the order it was given them.
 */
public interface Sink extends AutoCloseable {

  /** Stable name, used as the spool cursor name: {@code mqtt}, {@code influxdb}, {@code osc}. */
  String name();

  /**
   * Delivers a batch, in order. The future succeeds only when the destination acknowledged every
   * observation of the batch (MQTT PUBACK at QoS 1, HTTP 2xx); it fails if any was not, and the
   * spool then delivers the whole batch again later (at-least-once).
   */
  Future<Void> deliver(List<Observation> batch);

  /** Reports lost observations upstream; same acknowledgement rule as {@link #deliver}. */
  Future<Void> reportGap(Gap gap);

  /** Whether the destination looks reachable now; the spool paces or pauses replay on it. */
  boolean available();

  /** Releases connections. Does not wait for in-flight batches. */
  @Override
  void close();
}
