package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.Values;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Placeholder expansion in a request template (LoopBack's REST connector templates): {@code
 * {name}}, {@code {name=default}}, {@code {name:type}}, {@code {name=default:type}}, with a leading
 * {@code !} (or {@code ^}) for a required variable. Types: {@code string}, {@code number}, {@code
 * boolean}, {@code object} (alias {@code json}). A string that is exactly one placeholder becomes
 * the value itself, keeping its JSON type; a placeholder inside other text is replaced by the
 * value's text. Keys of objects are expanded too.
 */
final class Template {
  // The default is matched lazily, so "{url=http://x}" keeps "http://x" whole: a ":" only starts
  // a type when a known type name follows it.
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "\\{([!^]?)([A-Za-z_$][\\w$]*)(?:=([^}]*?))?(?::(string|number|boolean|object|json))?\\}");

  private final String operation;
  private final Map<String, Object> variables;

  /**
   * @param operation the operation's name, for messages
   * @param variables the values by name; an absent or null value is "no value"
   */
  Template(String operation, Map<String, Object> variables) {
    this.operation = requireNonNull(operation, "operation is null");
    this.variables = requireNonNull(variables, "variables is null");
  }

  /**
   * Expands every placeholder in a template value (string, object, array, or scalar).
   *
   * @return null for null, or for a string that is one placeholder without a value
   */
  @Nullable Object expand(@Nullable Object template) {
    if (template instanceof String text) {
      return expandString(text);
    }
    if (template instanceof Map<?, ?> map) {
      Map<String, Object> expanded = new LinkedHashMap<>();
      map.forEach(
          (key, value) -> {
            Object name = expandString(String.valueOf(key));
            expanded.put(name == null ? "" : text(name), expand(value));
          });
      return expanded;
    }
    if (template instanceof List<?> list) {
      List<Object> expanded = new ArrayList<>(list.size());
      list.forEach(item -> expanded.add(expand(item)));
      return expanded;
    }
    return template;
  }

  /** The names of the placeholders a template value mentions. */
  static List<String> names(Object template) {
    List<String> names = new ArrayList<>();
    collect(template, names);
    return names;
  }

  private static void collect(Object template, List<String> names) {
    if (template instanceof String text) {
      Matcher matcher = PLACEHOLDER.matcher(text);
      while (matcher.find()) {
        if (!names.contains(matcher.group(2))) {
          names.add(matcher.group(2));
        }
      }
    } else if (template instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            collect(String.valueOf(key), names);
            collect(value, names);
          });
    } else if (template instanceof List<?> list) {
      list.forEach(item -> collect(item, names));
    }
  }

  private @Nullable Object expandString(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    if (matcher.matches()) {
      return resolve(matcher);
    }
    matcher.reset();
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      Object value = resolve(matcher);
      matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : text(value)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private @Nullable Object resolve(Matcher placeholder) {
    boolean required = !placeholder.group(1).isEmpty();
    String name = placeholder.group(2);
    String defaultText = placeholder.group(3);
    String type = placeholder.group(4);
    Object value = variables.get(name);
    if (value == null && defaultText != null) {
      value = defaultText;
    }
    if (value == null) {
      if (required) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "operation " + operation + ": required variable `" + name + "` has no value",
            Map.of(name, List.of("is required")));
      }
      return null;
    }
    return type == null ? value : convert(name, value, type.toLowerCase(Locale.ROOT));
  }

  private Object convert(String name, Object value, String type) {
    return switch (type) {
      case "string" -> text(value);
      case "number" -> number(name, value);
      case "boolean" -> bool(name, value);
      default -> object(name, value);
    };
  }

  private Object number(String name, Object value) {
    if (value instanceof Number number) {
      return Values.normalize(number);
    }
    if (value instanceof String text) {
      try {
        return Values.normalize(new java.math.BigDecimal(text.trim()));
      } catch (NumberFormatException e) {
        throw refused(name, value, "number");
      }
    }
    throw refused(name, value, "number");
  }

  private Object bool(String name, Object value) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof String text) {
      String trimmed = text.trim().toLowerCase(Locale.ROOT);
      if (trimmed.equals("true") || trimmed.equals("1")) {
        return true;
      }
      if (trimmed.equals("false") || trimmed.equals("0") || trimmed.isEmpty()) {
        return false;
      }
    }
    if (value instanceof Number number) {
      return number.doubleValue() != 0;
    }
    throw refused(name, value, "boolean");
  }

  private Object object(String name, Object value) {
    if (value instanceof String text) {
      try {
        return Json.read(text);
      } catch (IOException e) {
        throw refused(name, value, "object (JSON)");
      }
    }
    return Values.normalize(value);
  }

  private ConnectorException refused(String name, Object value, String type) {
    return new ConnectorException(
        ErrorCode.INVALID_ARGUMENT,
        "operation "
            + operation
            + ": variable `"
            + name
            + "` must be a "
            + type
            + ", got "
            + Values.show(value),
        Map.of(name, List.of("is not a " + type)));
  }

  /** The text of a value inside a string: scalars as they print, objects and arrays as JSON. */
  static String text(Object value) {
    Object json = Json.toJsonValue(value);
    if (json instanceof String text) {
      return text;
    }
    if (json instanceof Map || json instanceof List) {
      return Json.write(json);
    }
    return String.valueOf(Values.normalize(json));
  }
}
