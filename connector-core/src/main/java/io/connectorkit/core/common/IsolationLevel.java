package io.connectorkit.core.common;

/** Transaction isolation levels (CONTRACT C8); {@link #READ_COMMITTED} is the default. */
public enum IsolationLevel {
  /** May see other transactions' uncommitted work. */
  READ_UNCOMMITTED,
  /** Sees only committed work; the default. */
  READ_COMMITTED,
  /** Rows read once read the same again within the transaction. */
  REPEATABLE_READ,
  /** As if the transactions ran one after another. */
  SERIALIZABLE
}
