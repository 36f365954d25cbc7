package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {

  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final List<String> lines = new ArrayList<>();
  private final List<Throwable> traces = new ArrayList<>();
  private final ThrottledLog log = new ThrottledLog((line, trace) -> {
    lines.add(line);
    traces.add(trace);
  }, Duration.ofSeconds(10), nanos::get);

  @Test
  void writesOneLinePerKindPerIntervalAndCountsTheRest() {
    for (int i = 0; i < 300; i++) {
      log.client("client error", "413 for POST /dash/login from 127.8.0." + i);
    }
    assertThat(lines).containsExactly("client error: 413 for POST /dash/login from 127.8.0.0");
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    log.client("client error", "400 for GET /x from 127.0.0.1");
    assertThat(lines).last().isEqualTo(
        "client error: 400 for GET /x from 127.0.0.1 (299 more since the last such line)");
  }

  @Test
  void kindsAreLimitedSeparately() {
    log.client("client error", "a");
    log.client("connection refused", "b");
    log.client("client error", "c");
    assertThat(lines).containsExactly("client error: a", "connection refused: b");
  }

  @Test
  void onlyInternalFailuresCarryATraceAndAreBoundedToo() {
    RuntimeException boom = new IllegalStateException("boom");
    log.client("client error", "a");
    log.internal("request failed", "GET /x", boom);
    log.internal("request failed", "GET /x", boom);
    assertThat(traces).containsExactly(null, boom);
  }
}
