package org.streetsense.gateway.app;

import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

/**
 * Makes Vert.x encode and decode JSON with jackson-core's streaming parser and generator only.
 * Without it Vert.x picks its databind codec whenever jackson-databind is on the class path, and
 * the first {@code JsonObject.encode()} (the first dashboard request, the first configuration
 * result) loads about 400 databind classes, 2 MiB of a Pi Zero's memory (decision 0376). The
 * gateway never maps objects to JSON through Vert.x ({@code mapFrom}, {@code mapTo}), which is
 * all the databind codec adds. Registered in {@code META-INF/services}; Vert.x takes the factory
 * of the lowest {@link #order()}.
 */
public final class CoreJsonFactory implements JsonFactory {

  private static final JsonCodec CODEC = new JacksonCodec();

  @Override
  public int order() {
    return 0;
  }

  @Override
  public JsonCodec codec() {
    return CODEC;
  }
}
