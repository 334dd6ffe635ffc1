package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Where;
import java.util.LinkedHashMap;
import java.util.Map;

/** The operation hooks (CONTRACT C9) of one model, as the DAO runs them. Immutable. */
final class ModelHooks {
  private final OperationHooks hooks;
  private final String model;

  ModelHooks(OperationHooks hooks, String model) {
    this.hooks = requireNonNull(hooks, "hooks is null");
    this.model = requireNonNull(model, "model is null");
  }

  /** Whether an observer is registered; lets the DAO skip building a context nobody sees. */
  boolean has(OperationHook hook) {
    return hooks.has(model, hook);
  }

  HookContext context(OperationHook hook, String operation, Options options) {
    return new HookContext(model, hook, operation, options);
  }

  void notify(HookContext context) {
    hooks.notify(context);
  }

  /**
   * Runs a hook whose observers may change the data. They change a copy: the caller's map may be
   * immutable, or still in use by the caller.
   *
   * @return the data as the observers left it; {@code data} itself when the hook has none
   */
  Map<String, Object> onData(
      OperationHook hook, String operation, Map<String, Object> data, Options options) {
    if (!has(hook)) {
      return data;
    }
    HookContext context = context(hook, operation, options).data(new LinkedHashMap<>(data));
    hooks.notify(context);
    // Observers change the map in place; none can set it to null.
    return requireNonNull(context.data(), "data is null");
  }

  /** Runs a hook that sees the where of a bulk write. */
  void onWhere(OperationHook hook, String operation, Where where, Options options) {
    hooks.notify(context(hook, operation, options).where(where));
  }
}
