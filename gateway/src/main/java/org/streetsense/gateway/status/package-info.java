/**
 * Read model of a running gateway, for the HTTP surfaces: {@link
 * org.streetsense.gateway.status.GatewayStatus} (installation identity, devices, channels, latest
 * values, uplink, events, actuators, configuration summary) and {@link
 * org.streetsense.gateway.status.HistorySource} (stored readings for export), with {@link
 * org.streetsense.gateway.status.InMemoryHistory}, a bounded ring per channel.
 *
 * <h2>Live observations on the event bus</h2>
 *
 * <p>The gateway publishes (event-bus {@code publish}, not {@code send}) every accepted
 * observation on the address {@value org.streetsense.gateway.status.ObservationBus#ADDRESS} as a
 * {@link io.vertx.core.json.JsonObject}, built by {@link
 * org.streetsense.gateway.status.ObservationBus#toJson}:
 *
 * <pre>{@code
 * { "ts": 1764259200123,          // epoch milliseconds of the observation (long)
 *   "seq": 42,                    // per-stream sequence number (long)
 *   "device": "air-1",            // device id
 *   "channel": "temperature",     // channel name
 *   "value": 21.4,                // number; null when quality is "fault"
 *   "unit": "degC",               // unit symbol; "" for events
 *   "quality": "good",            // "good" | "suspect" | "fault"
 *   "type": "touch_start",        // events only
 *   "kind": "reading" }           // "reading" | "event"
 * }</pre>
 *
 * <p>Consumers must ignore unknown fields and must not assume any ordering across streams. The
 * bus carries private channels too; every public surface filters them out.
 */
package org.streetsense.gateway.status;
