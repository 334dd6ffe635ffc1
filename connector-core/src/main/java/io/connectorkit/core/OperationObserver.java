package io.connectorkit.core;

/** Observes one {@link OperationHook} of a model; may throw to abort the operation. */
@FunctionalInterface
public interface OperationObserver {
  /**
   * Sees (and, where the hook allows, changes) one hook call. An exception it throws stops the
   * operation and reaches its caller (createAll re-throws a {@code ConnectorException} naming the
   * item); later observers do not run, and a write done before the hook (AFTER_SAVE, AFTER_DELETE)
   * is not undone unless it ran in the caller's transaction.
   *
   * @param context never null
   */
  void observe(HookContext context);
}
