package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One DAO operation as {@link OperationListener}s see it: which datasource, model and operation,
 * how long it took and how it ended. One per operation; the attributes let a listener keep what it
 * opened in {@code beforeOperation} (a timer sample, a span) until {@code afterOperation}.
 */
public final class OperationContext {
  private final String dataSource;
  private final String model;
  private final String operation;
  private final long startNanos = System.nanoTime();
  private final Map<Object, Object> attributes = new ConcurrentHashMap<>();
  private volatile long durationNanos = -1;
  private volatile @Nullable Throwable error;

  OperationContext(String dataSource, String model, String operation) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.model = requireNonNull(model, "model is null");
    this.operation = requireNonNull(operation, "operation is null");
  }

  /** The datasource's name; never null. */
  public String dataSource() {
    return dataSource;
  }

  /** The model's name; never null. */
  public String model() {
    return model;
  }

  /**
   * The DAO primitive that ran, never null: {@code create}, {@code createAll}, {@code find}, {@code
   * count}, {@code updateAll}, {@code deleteAll}, {@code updateById}, {@code replaceById}, {@code
   * upsert}, {@code replaceOrCreate}, {@code upsertWithWhere}, {@code findOrCreate}, {@code
   * invoke}. Convenience methods report the primitive they run ({@code findById} is a {@code find},
   * {@code deleteById} a {@code deleteAll}).
   */
  public String operation() {
    return operation;
  }

  /** How long the operation took; {@link Duration#ZERO} before it ended. */
  public Duration duration() {
    long nanos = durationNanos;
    return nanos < 0 ? Duration.ZERO : Duration.ofNanos(nanos);
  }

  /** The failure of the operation; null on success or before it ended. */
  public @Nullable Throwable error() {
    return error;
  }

  /**
   * The contract code of the failure: the {@link ErrorCode} name of a {@link ConnectorException},
   * else the exception's simple class name; null on success.
   */
  public @Nullable String errorCode() {
    Throwable failure = error;
    if (failure == null) {
      return null;
    }
    return failure instanceof ConnectorException e
        ? e.code().name()
        : failure.getClass().getSimpleName();
  }

  /**
   * A value a listener stored with {@link #setAttribute}; null when none.
   *
   * @param key never null
   */
  public @Nullable Object attribute(Object key) {
    return attributes.get(requireNonNull(key, "key is null"));
  }

  /**
   * Stores a value for a later callback of the same operation; a listener should key it by an
   * object of its own so that listeners do not collide.
   *
   * @param key never null
   * @param value never null
   */
  public void setAttribute(Object key, Object value) {
    attributes.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
  }

  void complete(@Nullable Throwable failure) {
    this.error = failure;
    this.durationNanos = System.nanoTime() - startNanos;
  }
}
