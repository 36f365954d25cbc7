package org.streetsense.gateway.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutorHardwareSchedulerTest {

  @Test
  void keepsRunningTasksAfterOneThrowsAndRunsThemOnTheHardwareThread() throws Exception {
    try (ExecutorHardwareScheduler s = new ExecutorHardwareScheduler()) {
      CompletableFuture<String> thread = new CompletableFuture<>();
      s.execute(() -> {
        throw new IllegalStateException("driver bug");
      });
      s.schedule(Duration.ofMillis(5), () -> thread.complete(Thread.currentThread().getName()));
      assertThat(thread.get(5, TimeUnit.SECONDS)).isEqualTo("streetsense-hardware");
    }
  }

  @Test
  void cancelledTaskDoesNotRunAndLaterTasksDo() {
    List<String> ran = new CopyOnWriteArrayList<>();
    try (ExecutorHardwareScheduler s = new ExecutorHardwareScheduler()) {
      // The hardware thread is held until both tasks are scheduled and one cancelled, so a
      // preempted test thread cannot let the cancelled task fall due and run first.
      CountDownLatch hold = new CountDownLatch(1);
      s.execute(() -> awaitQuietly(hold));
      Cancellable c = s.schedule(Duration.ofMillis(1), () -> ran.add("cancelled"));
      c.cancel();
      s.schedule(Duration.ofMillis(2), () -> ran.add("later"));
      hold.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("later"));
      assertThat(ran).containsExactly("later");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
