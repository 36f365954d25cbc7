package org.streetsense.gateway.config.impl;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.streetsense.gateway.config.InfluxApi;
import org.streetsense.gateway.config.InfluxSettings;
import org.streetsense.gateway.config.OscTarget;
import org.streetsense.gateway.config.SecretRef;
import org.streetsense.gateway.config.SinkSettings;

/** Reads {@code sinks.influxdb} and {@code sinks.osc}. */
final class SinksReader {

  private final Problems problems;

  SinksReader(Problems problems) {
    this.problems = problems;
  }

  SinkSettings read(YamlNode node) {
    if (node == null) {
      return SinkSettings.NONE;
    }
    int mark = problems.mark();
    Fields f = Fields.of(node, problems, "the sinks", "influxdb", "osc");
    if (f == null) {
      return null;
    }
    InfluxSettings influx = f.has("influxdb") ? influx(f.node("influxdb")) : null;
    List<OscTarget> osc = f.has("osc") ? osc(f.node("osc")) : List.of();
    return problems.since(mark) ? null : new SinkSettings(Optional.ofNullable(influx), osc);
  }

  private InfluxSettings influx(YamlNode node) {
    int mark = problems.mark();
    Fields f = Fields.of(node, problems, "the InfluxDB sink", "url", "api", "database", "org",
        "bucket", "token", "username", "password", "batchSize", "flushInterval");
    if (f == null) {
      return null;
    }
    URI url = httpUrl(f);
    InfluxApi api = f.choice("api", InfluxApi.class, "InfluxDB API", InfluxApi.V2);
    Optional<String> database = Optional.ofNullable(f.text("database", null));
    Optional<String> org = Optional.ofNullable(f.text("org", null));
    Optional<String> bucket = Optional.ofNullable(f.text("bucket", null));
    Optional<SecretRef> token = f.secret("token");
    Optional<String> username = Optional.ofNullable(f.text("username", null));
    Optional<SecretRef> password = f.secret("password");
    if (api == InfluxApi.V1) {
      f.required("database", "api v1 writes to a database, e.g. database: streetsense");
      for (String key : List.of("org", "bucket", "token")) {
        Checks.forbid(f, key, "with api: v1 (it uses database, username and password)");
      }
    } else if (api == InfluxApi.V2) {
      f.required("org", "api v2 writes to an organisation and bucket, e.g. org: city");
      f.required("bucket", "api v2 writes to an organisation and bucket, e.g. bucket: streetsense");
      for (String key : List.of("database", "username", "password")) {
        Checks.forbid(f, key, "with api: v2 (it uses org, bucket and token)");
      }
    }
    if (password.isPresent() && username.isEmpty() && api == InfluxApi.V1) {
      problems.atKey(f.map(), "password", "password needs a username; add username");
    }
    Long batchSize = f.integer("batchSize", 1, InfluxSettings.MAX_BATCH_SIZE, "a batch size", 1000L);
    Duration flush = f.duration("flushInterval", Duration.ofSeconds(1), Duration.ofMillis(100),
        Duration.ofHours(1));
    if (problems.since(mark)) {
      return null;
    }
    return new InfluxSettings(url, api, database, org, bucket, token, username, password,
        batchSize.intValue(), flush);
  }

  private URI httpUrl(Fields f) {
    String text = f.requiredText("url", "the InfluxDB base URL, e.g. http://localhost:8086");
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      if (uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.at(f.node("url"), "'" + text + "' is not an InfluxDB URL; allowed http:// or "
        + "https:// with a host, e.g. http://localhost:8086");
    return null;
  }

  private List<OscTarget> osc(YamlNode node) {
    YamlList list = Values.list(node, problems, "a list of {host, port}");
    List<OscTarget> targets = new ArrayList<>();
    if (list == null) {
      return targets;
    }
    for (YamlNode item : list.items()) {
      Fields f = Fields.of(item, problems, "an OSC target", "host", "port", "normalise", "bundle");
      if (f == null) {
        continue;
      }
      int mark = problems.mark();
      String host = f.requiredText("host", "the receiving machine, e.g. 192.168.1.20");
      YamlNode portNode = f.required("port", "the UDP port, e.g. 9000");
      Long port = portNode == null ? null : Values.integer(portNode, problems, 1, 65_535, "a UDP port");
      Boolean normalise = f.bool("normalise", false);
      Boolean bundle = f.bool("bundle", false);
      if (!problems.since(mark)) {
        targets.add(new OscTarget(host, port.intValue(), normalise, bundle));
      }
    }
    return targets;
  }
}
