package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The operation hooks registered on a datasource's models. Thread-safe. */
final class OperationHooks {
  private final Map<String, Map<OperationHook, List<OperationObserver>>> observers =
      new ConcurrentHashMap<>();

  /**
   * Adds an observer of a hook of a model; the model need not be defined yet. Observers of one hook
   * run in registration order; registering the same observer twice runs it twice.
   *
   * @throws NullPointerException for a null model, hook or observer
   */
  void observe(String model, OperationHook hook, OperationObserver observer) {
    requireNonNull(model, "model is null");
    requireNonNull(hook, "hook is null");
    requireNonNull(observer, "observer is null");
    observers
        .computeIfAbsent(model, ignored -> new ConcurrentHashMap<>())
        .computeIfAbsent(hook, ignored -> new CopyOnWriteArrayList<>())
        .add(observer);
  }

  boolean has(String model, OperationHook hook) {
    Map<OperationHook, List<OperationObserver>> byHook = observers.get(model);
    return byHook != null && byHook.containsKey(hook);
  }

  void notify(HookContext context) {
    Map<OperationHook, List<OperationObserver>> byHook = observers.get(context.model());
    if (byHook == null) {
      return;
    }
    List<OperationObserver> list = byHook.get(context.hook());
    if (list != null) {
      list.forEach(observer -> observer.observe(context));
    }
  }
}
