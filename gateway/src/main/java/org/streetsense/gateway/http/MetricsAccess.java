package org.streetsense.gateway.http;

/** Who may read {@code /metrics}. */
public enum MetricsAccess {
  /** Only with the dashboard token ({@code Authorization: Bearer} or a session cookie). */
  TOKEN,
  /** Anyone connecting from the loopback interface; everyone else needs the token. */
  LOCALHOST_OR_TOKEN,
  /** Anyone who can reach the port. Use only when the port is firewalled. */
  OPEN
}
