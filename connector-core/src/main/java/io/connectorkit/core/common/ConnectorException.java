package io.connectorkit.core.common;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every failure of a datasource, DAO or connector (CONTRACT C5). Carries one {@link ErrorCode} and
 * optional details, e.g. per-property validation messages ({@code {"name": ["can't be blank"]}}).
 */
public class ConnectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The C5 code; never null. */
  private final ErrorCode code;

  /** Structured details, unmodifiable; never null. */
  private final Map<String, Object> details;

  /**
   * A failure without details or cause.
   *
   * @param code never null
   * @param message never null; names the model, property and value, never a secret (C5)
   */
  public ConnectorException(ErrorCode code, String message) {
    this(code, message, Map.of(), null);
  }

  /**
   * A failure caused by another, e.g. the driver's error of a {@link ErrorCode#BACKEND_ERROR}.
   *
   * @param code never null
   * @param message never null
   * @param cause null for none
   */
  public ConnectorException(ErrorCode code, String message, @Nullable Throwable cause) {
    this(code, message, Map.of(), cause);
  }

  /**
   * A failure with structured details, e.g. per-property messages of a {@link
   * ErrorCode#VALIDATION_FAILED}.
   *
   * @param code never null
   * @param message never null
   * @param details never null; copied
   */
  public ConnectorException(ErrorCode code, String message, Map<String, ?> details) {
    this(code, message, details, null);
  }

  /**
   * A failure with structured details and a cause.
   *
   * @param code never null
   * @param message never null
   * @param details never null; copied
   * @param cause null for none
   * @throws NullPointerException if {@code code}, {@code message} or {@code details} is null
   */
  public ConnectorException(
      ErrorCode code, @Nullable String message, Map<String, ?> details, @Nullable Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.code = requireNonNull(code, "code is null");
    this.details =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(details, "details is null")));
  }

  /** The C5 code; never null. */
  public ErrorCode code() {
    return code;
  }

  /** Structured details; never null, possibly empty. */
  public Map<String, Object> details() {
    return details;
  }

  // The code belongs in logs and stack traces; getMessage() stays the plain message callers show.
  @SuppressWarnings("OverrideThrowableToString")
  @Override
  public String toString() {
    return getClass().getName() + ": " + code + ": " + getMessage();
  }
}
