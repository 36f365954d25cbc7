/**
 * HTTP surfaces of the gateway: technician dashboard, health, Prometheus metrics, public open data
 * and the citizens' "about this installation" page. Entry point: {@link
 * org.streetsense.gateway.http.HttpSurface#create}, configured by {@link
 * org.streetsense.gateway.http.HttpSurfaceOptions}.
 */
package org.streetsense.gateway.http;
