package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every failure of a datasource, DAO or connector (CONTRACT C5). Carries one {@link ErrorCode} and
 * optional details, e.g. per-property validation messages ({@code {"name": ["can't be blank"]}}).
 */
public class ConnectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final Map<String, Object> details;

  public ConnectorException(ErrorCode code, String message) {
    this(code, message, Map.of(), null);
  }

  public ConnectorException(ErrorCode code, String message, Throwable cause) {
    this(code, message, Map.of(), cause);
  }

  public ConnectorException(ErrorCode code, String message, Map<String, ?> details) {
    this(code, message, details, null);
  }

  public ConnectorException(
      ErrorCode code, String message, Map<String, ?> details, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.code = requireNonNull(code, "code is null");
    this.details =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(details, "details is null")));
  }

  public ErrorCode code() {
    return code;
  }

  /** Structured details; never null, possibly empty. */
  public Map<String, Object> details() {
    return details;
  }

  @Override
  public String toString() {
    return getClass().getName() + ": " + code + ": " + getMessage();
  }
}
