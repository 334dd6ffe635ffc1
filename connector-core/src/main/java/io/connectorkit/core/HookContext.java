package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link OperationObserver} sees and may change. Which fields are set depends on the hook:
 * {@code ACCESS} has {@link #query()}; {@code BEFORE_SAVE}, {@code PERSIST} and {@code LOADED} have
 * {@link #data()}; {@code AFTER_SAVE} has {@link #instance()} (or {@link #where()} after a bulk
 * update); the delete hooks have {@link #where()}. One context per hook call; not thread-safe.
 */
public final class HookContext {
  private final String model;
  private final OperationHook hook;
  private final String operation;
  private final Options options;
  private @Nullable Filter query;
  private @Nullable Where where;
  private @Nullable Map<String, Object> data;
  private @Nullable Map<String, Object> instance;
  private boolean newInstance;

  HookContext(String model, OperationHook hook, String operation, Options options) {
    this.model = requireNonNull(model, "model is null");
    this.hook = requireNonNull(hook, "hook is null");
    this.operation = requireNonNull(operation, "operation is null");
    this.options = requireNonNull(options, "options is null");
  }

  /** The name of the model the operation runs on; never null. */
  public String model() {
    return model;
  }

  /** The hook being run; never null. */
  public OperationHook hook() {
    return hook;
  }

  /** The DAO operation, e.g. {@code "find"}, {@code "updateAll"}. */
  public String operation() {
    return operation;
  }

  /** The options of the operation (its transaction, if any); never null. */
  public Options options() {
    return options;
  }

  /** The query of an {@code ACCESS} hook; null otherwise. */
  public @Nullable Filter query() {
    return query;
  }

  /**
   * Replaces the query (ACCESS); it is checked against the model again, so a bad one fails the
   * operation with {@code INVALID_FILTER}. Outside ACCESS it has no effect.
   *
   * @throws NullPointerException for a null query
   */
  public void setQuery(Filter newQuery) {
    this.query = requireNonNull(newQuery, "query is null");
  }

  /** The where of a bulk update or a delete; null otherwise. */
  public @Nullable Where where() {
    return where;
  }

  /** The data being written or loaded; mutable in BEFORE_SAVE, PERSIST and LOADED. */
  public @Nullable Map<String, Object> data() {
    return data;
  }

  /** The saved record (AFTER_SAVE); null after a bulk update. */
  public @Nullable Map<String, Object> instance() {
    return instance;
  }

  /** Whether the write created the record. */
  public boolean isNewInstance() {
    return newInstance;
  }

  HookContext query(Filter value) {
    this.query = value;
    return this;
  }

  HookContext where(Where value) {
    this.where = value;
    return this;
  }

  HookContext data(Map<String, Object> value) {
    this.data = value;
    return this;
  }

  HookContext instance(Map<String, Object> value) {
    this.instance = value;
    return this;
  }

  HookContext newInstance(boolean value) {
    this.newInstance = value;
    return this;
  }
}
