package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

/**
 * The optional features of CONTRACT C7. A connector declares the ones it has in {@link
 * Connector#features()}; every operation of an undeclared feature fails with {@link
 * ErrorCode#UNSUPPORTED_OPERATION} and the message of {@link #unsupportedMessage(String)}.
 */
public enum Feature {
  /** {@code create([...])} in one backend round trip. */
  BATCH_CREATE,
  /** {@code upsert}, {@code replaceOrCreate} and {@code upsertWithWhere} are atomic. */
  ATOMIC_UPSERT,
  /** {@code findOrCreate} is atomic. */
  ATOMIC_FIND_OR_CREATE,
  /** {@code beginTransaction(isolation)} with commit and rollback (C8). */
  TRANSACTIONS,
  /** {@code automigrate}, {@code autoupdate} and {@code isActual}. */
  MIGRATION,
  /** Model discovery from the backend's schema. */
  DISCOVERY,
  /** {@code strict: false} models that store undeclared properties. */
  FREE_FORM_PROPERTIES,
  /** Nested property paths pushed down natively. */
  NESTED_PROPERTIES,
  /** The connector can generate string ids. */
  STRING_IDS,
  /** The connector can generate numeric ids. */
  NUMERIC_IDS,
  /** {@code execute(command, params)} runs a native command. */
  EXECUTE,
  /** Named remote operations: {@code invoke(model, method, args)}. */
  OPERATIONS;

  /** The contract's message for a connector that lacks this feature. */
  public String unsupportedMessage(String connectorName) {
    requireNonNull(connectorName, "connectorName is null");
    return connectorName + " does not support " + name();
  }

  /** The exception a connector without this feature throws; the TCK asserts code and message. */
  public ConnectorException unsupported(String connectorName) {
    return new ConnectorException(
        ErrorCode.UNSUPPORTED_OPERATION, unsupportedMessage(connectorName));
  }
}
