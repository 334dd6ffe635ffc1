package io.connectorkit.core.common;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.spi.Connector;

/**
 * The optional features of CONTRACT C7. A connector declares the ones it has in {@link
 * Connector#features()}; every operation of an undeclared feature fails with {@link
 * ErrorCode#UNSUPPORTED_OPERATION} and the message of {@link #unsupportedMessage(String)}.
 */
public enum Feature {
  /**
   * Records: the C3 operations ({@code create}, {@code find}, {@code count}, {@code updateAll},
   * {@code deleteAll}, the by-id and upsert operations). Every record-storing connector declares
   * it; a connector that only offers remote {@link #OPERATIONS} (SOAP) does not, and then every C3
   * operation fails with {@code UNSUPPORTED_OPERATION} before it reaches the connector. Not in the
   * contract's C7 table: this project's reading of C7 for operations-only connectors.
   */
  CRUD,
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
