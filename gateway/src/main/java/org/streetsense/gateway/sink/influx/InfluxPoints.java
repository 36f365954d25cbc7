package org.streetsense.gateway.sink.influx;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Reading;

/**
 * Maps observations and gaps to InfluxDB points (the library's {@link Point}, which sorts tags).
 *
 * <ul>
 *   <li>{@code reading}: tags installation, site, device, channel, unit, quality; fields
 *       {@code value} (always float), {@code seq} (integer), {@code clock_trusted} (boolean).
 *   <li>{@code event}: tags installation, site, device, channel, type; same fields.
 *   <li>{@code gap}: tags installation, site, device, channel, reason; integer fields
 *       {@code first_seq}, {@code last_seq}, {@code count}, {@code from_ms}, {@code to_ms}.
 * </ul>
 *
 * <p>Timestamps are nanoseconds: {@code epochMillis * 1e6 + seq % 1e6}. Points of one series
 * with the same timestamp overwrite each other, so two events of one stream in the same
 * millisecond would collapse at millisecond precision; the sequence number in the sub-millisecond
 * digits keeps them apart (it would take a million observations of one stream within one
 * millisecond to collide). Field types never change, so no write is refused for a type conflict.
 */
final class InfluxPoints {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private InfluxPoints() {}

  static Point of(Observation o, String site) {
    Point p;
    if (o instanceof Reading r) {
      p = Point.measurement("reading")
          .addTag("unit", r.unit())
          .addTag("quality", r.quality().wireName())
          .addField("value", r.value());
    } else {
      InteractionEvent e = (InteractionEvent) o;
      p = Point.measurement("event")
          .addTag("type", e.type())
          .addField("value", e.value());
    }
    tags(p, o.installation(), site, o.device(), o.channel());
    return p.addField("seq", o.seq())
        .addField("clock_trusted", o.time().clockTrusted())
        .time(timestampNanos(o.time().epochMillis(), o.seq()), WritePrecision.NS);
  }

  static Point of(Gap g, String site) {
    Point p = Point.measurement("gap")
        .addTag("reason", g.reason())
        .addField("first_seq", g.firstSeq())
        .addField("last_seq", g.lastSeq())
        .addField("count", g.count())
        .addField("from_ms", g.fromMillis())
        .addField("to_ms", g.toMillis());
    tags(p, g.installation(), site, g.device(), g.channel());
    return p.time(timestampNanos(g.toMillis(), g.firstSeq()), WritePrecision.NS);
  }

  static long timestampNanos(long epochMillis, long seq) {
    return epochMillis * NANOS_PER_MILLI + Math.floorMod(seq, NANOS_PER_MILLI);
  }

  private static void tags(Point p, String installation, String site, String device,
      String channel) {
    p.addTag("installation", installation).addTag("device", device).addTag("channel", channel);
    if (!site.isEmpty()) {
      p.addTag("site", site);
    }
  }
}
