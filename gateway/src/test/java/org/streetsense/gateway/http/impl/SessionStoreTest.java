package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionStoreTest {

  private final AtomicLong nanos = new AtomicLong(0);

  @Test
  void sessionsExpireAfterTheirTtl() {
    SessionStore store = new SessionStore(Duration.ofMinutes(10), nanos::get, 10);
    String id = store.open();
    assertThat(id).hasSize(43);
    assertThat(store.valid(id)).isTrue();
    nanos.addAndGet(Duration.ofMinutes(10).toNanos());
    assertThat(store.valid(id)).isFalse();
    assertThat(store.valid(null)).isFalse();
    assertThat(store.valid("forged")).isFalse();
  }

  @Test
  void closedSessionsAreInvalid() {
    SessionStore store = new SessionStore(Duration.ofMinutes(10), nanos::get, 10);
    String id = store.open();
    store.close(id);
    assertThat(store.valid(id)).isFalse();
  }

  @Test
  void dropsTheOldestSessionWhenFull() {
    SessionStore store = new SessionStore(Duration.ofMinutes(10), nanos::get, 2);
    String first = store.open();
    nanos.incrementAndGet();
    String second = store.open();
    nanos.incrementAndGet();
    String third = store.open();
    assertThat(store.valid(first)).isFalse();
    assertThat(store.valid(second)).isTrue();
    assertThat(store.valid(third)).isTrue();
  }
}
