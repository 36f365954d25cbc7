package org.streetsense.gateway.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.streetsense.harness.ReceivedMessage;

/** Small helpers shared by the uplink's integration tests. */
final class UplinkTestSupport {

  static final Duration WAIT = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();

  private UplinkTestSupport() {}

  /** Options with short delays, so reconnect tests run in seconds. */
  static MqttUplinkOptions.Builder fastOptions(String url, String clientId) {
    return MqttUplinkOptions.builder()
        .serverUri(url)
        .clientId(clientId)
        .keepAlive(Duration.ofSeconds(5))
        .connectTimeout(Duration.ofSeconds(3))
        .reconnectMinDelay(Duration.ofMillis(20))
        .reconnectMaxDelay(Duration.ofMillis(300))
        .stopTimeout(Duration.ofSeconds(3))
        .jitterSeed(1);
  }

  /** Waits for a future and returns its result, or throws its failure. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + WAIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for a future to fail and returns the failure. */
  static Throwable awaitFailure(Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture()
          .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + WAIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static JsonNode json(ReceivedMessage m) {
    try {
      return JSON.readTree(m.payload());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON on " + m.topic() + ": " + m.text(), e);
    }
  }

  static boolean isState(ReceivedMessage m, String status, long boot) {
    JsonNode n = json(m);
    return status.equals(n.path("status").asText()) && n.path("boot").asLong() == boot;
  }
}
