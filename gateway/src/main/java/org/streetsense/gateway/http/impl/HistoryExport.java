package org.streetsense.gateway.http.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.streetsense.gateway.status.HistoryPoint;
import org.streetsense.gateway.status.InstallationInfo;

/**
 * History export formats. CSV: {@code #} comment lines with license, attribution and request
 * metadata, then a header row {@code time,value,quality,seq} (RFC 4180, ISO-8601 UTC times, empty
 * value for faults). JSON: {@code {"meta": {...}, "points": [{time, value, quality, seq}]}}.
 */
final class HistoryExport {

  private HistoryExport() {}

  static String csv(InstallationInfo info, HistoryRequest req, List<HistoryPoint> points,
      boolean truncated, Instant generated) {
    StringBuilder out = new StringBuilder(64 + points.size() * 48);
    comment(out, "installation", info.id());
    comment(out, "site", info.site());
    comment(out, "channel", req.channel().key());
    comment(out, "unit", req.channel().unit());
    comment(out, "license", info.license());
    comment(out, "license-url", OpenDataMeta.licenseUrl(info.license()));
    if (!info.attribution().isEmpty()) {
      comment(out, "attribution", info.attribution());
    }
    comment(out, "from", req.from().toString());
    comment(out, "to", req.to().toString());
    comment(out, "generated", generated.toString());
    if (truncated) {
      comment(out, "truncated", "true (more than " + req.limit() + " points; narrow the range)");
    }
    out.append("time,value,quality,seq\r\n");
    for (HistoryPoint p : points) {
      out.append(p.time()).append(',')
          .append(Double.isNaN(p.value()) ? "" : Double.toString(p.value())).append(',')
          .append(p.quality().wireName()).append(',')
          .append(p.seq()).append("\r\n");
    }
    return out.toString();
  }

  static JsonObject json(InstallationInfo info, HistoryRequest req, List<HistoryPoint> points,
      boolean truncated, Instant generated) {
    JsonObject meta = OpenDataMeta.json(info, generated)
        .put("channel", req.channel().key())
        .put("unit", req.channel().unit())
        .put("from", req.from().toString())
        .put("to", req.to().toString())
        .put("count", points.size())
        .put("truncated", truncated);
    JsonArray array = new JsonArray();
    for (HistoryPoint p : points) {
      array.add(new JsonObject().put("time", p.time().toString())
          .put("value", Double.isNaN(p.value()) ? null : p.value())
          .put("quality", p.quality().wireName()).put("seq", p.seq()));
    }
    return new JsonObject().put("meta", meta).put("points", array);
  }

  private static void comment(StringBuilder out, String key, String value) {
    out.append("# ").append(key).append(": ")
        .append(value.replace('\r', ' ').replace('\n', ' ')).append("\r\n");
  }
}
