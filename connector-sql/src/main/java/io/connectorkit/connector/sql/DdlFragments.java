package io.connectorkit.connector.sql;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import org.jspecify.annotations.Nullable;

/**
 * The SQL text that discovered model JSON carries into migration DDL ({@code columnType}, {@code
 * dbDefault} in a property's connector section). It is written as is, so it is checked first: one
 * type or expression, quotes and parentheses balanced, no statement separator or comment outside a
 * string literal.
 */
final class DdlFragments {
  private DdlFragments() {}

  /**
   * The fragment under {@code key} of the property's connector section, checked; null when absent.
   *
   * @throws ConnectorException {@code CONFIGURATION_INVALID} naming the model, property and value
   */
  static @Nullable String fragment(
      ModelDefinition model, PropertyDefinition property, String settingsKey, String key) {
    Object value = property.connectorSettings(settingsKey).get(key);
    if (value == null) {
      return null;
    }
    String text = String.valueOf(value);
    if (!(value instanceof String) || text.isBlank() || !balanced(text)) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "model "
              + model.name()
              + ", property `"
              + property.name()
              + "`: "
              + settingsKey
              + "."
              + key
              + " is not one SQL type or expression: "
              + io.connectorkit.core.model.Values.show(value));
    }
    return text;
  }

  private static boolean balanced(String text) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
            i++;
          } else {
            quote = 0;
          }
        }
        continue;
      }
      switch (c) {
        case '\'', '"', '`' -> quote = c;
        case '(' -> depth++;
        case ')' -> {
          if (--depth < 0) {
            return false;
          }
        }
        case ';' -> {
          return false;
        }
        case '-', '/', '#' -> {
          if (c == '#' || (i + 1 < text.length() && text.charAt(i + 1) == (c == '-' ? '-' : '*'))) {
            return false;
          }
        }
        default -> {
          if (Character.isISOControl(c)) {
            return false;
          }
        }
      }
    }
    return depth == 0 && quote == 0;
  }
}
