/**
 * Prometheus metrics of the gateway through Micrometer: {@link
 * org.streetsense.gateway.metrics.GatewayMetrics} owns the registry that {@code /metrics}
 * scrapes.
 */
package org.streetsense.gateway.metrics;
