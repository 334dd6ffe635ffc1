package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

/** One native call as {@link ExecuteListener}s see it. Not thread-safe; one per call. */
public final class ExecuteContext {
  private final String connector;
  private final String model;
  private Object request;
  private Object response;
  private Throwable error;

  ExecuteContext(String connector, String model, Object request) {
    this.connector = requireNonNull(connector, "connector is null");
    this.model = model;
    this.request = requireNonNull(request, "request is null");
  }

  /** The name of the connector making the call; never null. */
  public String connector() {
    return connector;
  }

  /** The model the call is for; null for datasource-level calls. */
  public String model() {
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
  public Object response() {
    return response;
  }

  /** The failure of the native call; null on success. */
  public Throwable error() {
    return error;
  }

  void complete(Object nativeResponse, Throwable failure) {
    this.response = nativeResponse;
    this.error = failure;
  }
}
