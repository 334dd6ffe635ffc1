package io.connectorkit.core.dao;

/** Observes one {@link OperationHook} of a model; may throw to abort the operation. */
@FunctionalInterface
public interface OperationObserver {
  void observe(HookContext context);
}
