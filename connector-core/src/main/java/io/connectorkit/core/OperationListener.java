package io.connectorkit.core;

/**
 * Sees every DAO operation of a datasource from start to end, and the places where the core does
 * work the connector does not (CONTRACT C4.6 residuals, C3 shims). For metrics and tracing: {@code
 * afterOperation} runs for every {@code beforeOperation}, also when the operation fails. Add one
 * with {@link DataSource#addOperationListener}. Callbacks run on the caller's thread; an exception
 * a callback throws is logged and otherwise ignored, never failing the operation.
 */
public interface OperationListener {
  /** How the core stood in for the connector during an operation. */
  enum Fallback {
    /** The core evaluated part of a where or the order in memory (C4.6). */
    RESIDUAL,
    /** The core ran an optional write as read-then-write because the connector lacks it (C3). */
    SHIM
  }

  /**
   * Called before the operation runs.
   *
   * @param context never null
   */
  default void beforeOperation(OperationContext context) {}

  /**
   * Called after the operation, with {@link OperationContext#error()} set when it failed.
   *
   * @param context never null, the same object {@code beforeOperation} saw
   */
  default void afterOperation(OperationContext context) {}

  /**
   * Called each time the core stands in for the connector.
   *
   * @param dataSource the datasource's name, never null
   * @param model the model's name, never null
   * @param operation the DAO operation that fell back, never null
   * @param fallback never null
   */
  default void fallback(String dataSource, String model, String operation, Fallback fallback) {}
}
