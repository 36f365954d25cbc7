package org.streetsense.gateway.sink.influx;

import java.io.IOException;
import java.util.List;

/** Writes line-protocol lines (nanosecond precision) in one request. Blocking. */
interface LineWriter extends AutoCloseable {

  /** Returns normally on a 2xx answer; throws otherwise. */
  void write(List<String> lines) throws IOException;

  @Override
  void close();
}
