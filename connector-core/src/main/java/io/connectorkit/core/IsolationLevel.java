package io.connectorkit.core;

/** Transaction isolation levels (CONTRACT C8); {@link #READ_COMMITTED} is the default. */
public enum IsolationLevel {
  READ_UNCOMMITTED,
  READ_COMMITTED,
  REPEATABLE_READ,
  SERIALIZABLE
}
