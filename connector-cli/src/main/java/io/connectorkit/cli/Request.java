package io.connectorkit.cli;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One exec request: typed access to its arguments, each failure an {@code INVALID_ARGUMENT} that
 * names the operation and the argument.
 */
final class Request {
  private final String op;
  private final Map<String, Object> arguments;

  Request(String op, Map<String, Object> arguments) {
    this.op = requireNonNull(op, "op is null");
    this.arguments = requireNonNull(arguments, "arguments is null");
  }

  String op() {
    return op;
  }

  /** Refuses arguments the operation does not take, so that a misspelt one is not ignored. */
  void allowOnly(Set<String> allowed) {
    for (String key : arguments.keySet()) {
      if (!key.equals("op") && !key.equals("tx") && !allowed.contains(key)) {
        Set<String> expected = new TreeSet<>(allowed);
        expected.add("tx");
        throw invalid(
            "op \""
                + op
                + "\" does not take \""
                + key
                + "\"; it takes "
                + String.join(", ", expected));
      }
    }
  }

  /** The argument as it was sent; null when absent or JSON null. */
  @Nullable Object value(String key) {
    return arguments.get(key);
  }

  /** A string argument, or null when absent. */
  @Nullable String string(String key) {
    Object value = arguments.get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw invalid("\"" + key + "\" of op \"" + op + "\" must be a string, got " + type(value));
  }

  String requiredString(String key, String what) {
    String value = string(key);
    if (value == null || value.isEmpty()) {
      throw invalid("op \"" + op + "\" requires \"" + key + "\" (" + what + ")");
    }
    return value;
  }

  /** An object argument, or null when absent. */
  @SuppressWarnings("unchecked")
  @Nullable Map<String, Object> object(String key) {
    Object value = arguments.get(key);
    if (value == null || value instanceof Map<?, ?>) {
      return (Map<String, Object>) value;
    }
    throw invalid("\"" + key + "\" of op \"" + op + "\" must be an object, got " + type(value));
  }

  Map<String, Object> requiredObject(String key, String what) {
    Map<String, Object> value = object(key);
    if (value == null) {
      throw invalid("op \"" + op + "\" requires \"" + key + "\" (" + what + ")");
    }
    return value;
  }

  /** An array argument, or null when absent. */
  @SuppressWarnings("unchecked")
  @Nullable List<Object> list(String key) {
    Object value = arguments.get(key);
    if (value == null || value instanceof List<?>) {
      return (List<Object>) value;
    }
    throw invalid("\"" + key + "\" of op \"" + op + "\" must be an array, got " + type(value));
  }

  /** An array of strings, or null when absent. */
  @Nullable List<String> strings(String key) {
    List<Object> values = list(key);
    if (values == null) {
      return null;
    }
    List<String> strings = new ArrayList<>(values.size());
    for (Object value : values) {
      if (!(value instanceof String text)) {
        throw invalid("\"" + key + "\" of op \"" + op + "\" must hold strings, got " + type(value));
      }
      strings.add(text);
    }
    return strings;
  }

  /** A non-negative integer argument, or null when absent. */
  @Nullable Long count(String key) {
    Object value = arguments.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Long number && number >= 0) {
      return number;
    }
    throw invalid(
        "\"" + key + "\" of op \"" + op + "\" must be a non-negative integer, got " + value);
  }

  ConnectorException invalid(String message) {
    return new ConnectorException(ErrorCode.INVALID_ARGUMENT, message);
  }

  /** The JSON type of a parsed value, for messages. */
  static String type(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Number) {
      return "a number";
    }
    return value.getClass().getSimpleName();
  }
}
