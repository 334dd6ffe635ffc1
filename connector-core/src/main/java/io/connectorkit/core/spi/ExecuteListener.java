package io.connectorkit.core.spi;

/**
 * A connector hook (CONTRACT C9) around every native call: sees, and may replace, the native
 * request (SQL and parameters, a Mongo command, an HTTP request) and sees the response or error.
 * For logging, tracing, metrics and auth headers.
 */
public interface ExecuteListener {
  /** Called before the native call; may call {@link ExecuteContext#setRequest(Object)}. */
  default void beforeExecute(ExecuteContext context) {}

  /** Called after the native call, with {@link ExecuteContext#response()} or {@code error()}. */
  default void afterExecute(ExecuteContext context) {}
}
