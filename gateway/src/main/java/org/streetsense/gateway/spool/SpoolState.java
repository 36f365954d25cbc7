package org.streetsense.gateway.spool;

/** Health of the spool, as shown by stats and the technician dashboard. */
public enum SpoolState {
  /** Appending and reading normally. */
  OK,
  /** The last write failed with an I/O error (typically no space left); retried on each append. */
  DISK_FULL,
  /** Closed; every call fails. */
  CLOSED
}
