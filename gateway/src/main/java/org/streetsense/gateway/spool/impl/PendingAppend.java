package org.streetsense.gateway.spool.impl;

import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import org.streetsense.gateway.pipeline.Observation;

/**
 * One queued {@code append}: the observation, the context its caller is on, and the outcome the
 * worker fills in (a sequence number or a failure) before the future is completed there.
 */
final class PendingAppend {

  final Observation observation;
  final ContextInternal context;
  final PromiseInternal<Long> promise;
  long seq;
  Throwable failure;

  PendingAppend(Observation observation, ContextInternal context) {
    this.observation = observation;
    this.context = context;
    this.promise = context.promise();
  }

  boolean written() {
    return failure == null && seq > 0;
  }

  void fail(Throwable t) {
    failure = t;
  }

  /** Completes the future; call on {@link #context}. */
  void complete() {
    if (failure != null) {
      promise.fail(failure);
    } else {
      promise.complete(seq);
    }
  }
}
