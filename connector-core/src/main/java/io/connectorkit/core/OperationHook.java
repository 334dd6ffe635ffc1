package io.connectorkit.core;

/** The operation hooks of CONTRACT C9, in the order they run. */
public enum OperationHook {
  /** Before a query; the observer may rewrite {@link HookContext#query()}. */
  ACCESS,
  /** Before a write; the observer may change {@link HookContext#data()}. */
  BEFORE_SAVE,
  /** Just before the connector writes {@link HookContext#data()}. */
  PERSIST,
  /** After the connector returned a record ({@link HookContext#data()}), before it is used. */
  LOADED,
  /** After a write, with {@link HookContext#instance()} (or the where of a bulk update). */
  AFTER_SAVE,
  /** Before a delete, with {@link HookContext#where()}. */
  BEFORE_DELETE,
  /** After a delete, with {@link HookContext#where()}. */
  AFTER_DELETE
}
