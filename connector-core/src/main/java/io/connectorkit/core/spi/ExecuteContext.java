package io.connectorkit.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** One native call as {@link ExecuteListener}s see it. Not thread-safe; one per call. */
public final class ExecuteContext {
  private final String connector;
  private final @Nullable String model;
  private Object request;
  private @Nullable Object response;
  private @Nullable Throwable error;
  private final Function<Object, NativeCall> describer;
  private final Map<Object, Object> attributes = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();
  private long durationNanos = -1;

  ExecuteContext(
      String connector,
      @Nullable String model,
      Object request,
      Function<Object, NativeCall> describer) {
    this.connector = requireNonNull(connector, "connector is null");
    this.model = model;
    this.request = requireNonNull(request, "request is null");
    this.describer = requireNonNull(describer, "describer is null");
  }

  /**
   * The current {@link #request()} described backend-neutrally by its connector: operation, target,
   * text without values, parameters. Never null.
   */
  public NativeCall call() {
    return describer.apply(request);
  }

  /** How long the native call took; {@link Duration#ZERO} before it ended. */
  public Duration duration() {
    return durationNanos < 0 ? Duration.ZERO : Duration.ofNanos(durationNanos);
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
   * Stores a value for the {@code afterExecute} of the same call (a span, a timer sample); key it
   * by an object of the listener's own.
   *
   * @param key never null
   * @param value never null
   */
  public void setAttribute(Object key, Object value) {
    attributes.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
  }

  /** The name of the connector making the call; never null. */
  public String connector() {
    return connector;
  }

  /** The model the call is for; null for datasource-level calls. */
  public @Nullable String model() {
    return model;
  }

  /** The native request; its type is the connector's (documented in its README). */
  public Object request() {
    return request;
  }

  /**
   * Replaces the native request; only before execution.
   *
   * @param request never null; of the type the connector documents
   */
  public void setRequest(Object request) {
    this.request = requireNonNull(request, "request is null");
  }

  /** The native response; null before execution or after an error. */
  public @Nullable Object response() {
    return response;
  }

  /** The failure of the native call; null on success. */
  public @Nullable Throwable error() {
    return error;
  }

  void complete(@Nullable Object nativeResponse, @Nullable Throwable failure) {
    this.response = nativeResponse;
    this.error = failure;
    this.durationNanos = System.nanoTime() - startNanos;
  }
}
