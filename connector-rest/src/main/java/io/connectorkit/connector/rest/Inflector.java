package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;

/**
 * The default resource name of a model: its plural, lower-camel ({@code Person} → {@code people},
 * {@code TodoList} → {@code todoLists}, {@code Category} → {@code categories}).
 *
 * <p>LoopBack pluralises with the {@code inflection} library; these simple English rules cover the
 * common cases, and {@code "rest": {"resourceName": "..."}} on the model names any other.
 */
final class Inflector {
  private static final Map<String, String> IRREGULAR =
      Map.of(
          "person", "people",
          "man", "men",
          "woman", "women",
          "child", "children",
          "mouse", "mice",
          "goose", "geese");

  private Inflector() {}

  /** The plural of the last word of a CamelCase name, the whole in lower camel case. */
  static String resourceName(String modelName) {
    requireNonNull(modelName, "modelName is null");
    if (modelName.isEmpty()) {
      return modelName;
    }
    // The last word starts at the last upper-case letter that follows a lower-case one.
    int start = 0;
    for (int i = 1; i < modelName.length(); i++) {
      if (Character.isUpperCase(modelName.charAt(i))
          && !Character.isUpperCase(modelName.charAt(i - 1))) {
        start = i;
      }
    }
    String head = modelName.substring(0, start);
    String plural = head + pluralWord(modelName.substring(start), head.isEmpty());
    return Character.toLowerCase(plural.charAt(0)) + plural.substring(1);
  }

  private static String pluralWord(String word, boolean first) {
    String lower = word.toLowerCase(Locale.ROOT);
    String irregular = IRREGULAR.get(lower);
    if (irregular != null) {
      // Keep the word's own capitalisation of its first letter.
      return first || word.isEmpty()
          ? irregular
          : Character.toUpperCase(irregular.charAt(0)) + irregular.substring(1);
    }
    if (lower.endsWith("y") && lower.length() > 1 && !isVowel(lower.charAt(lower.length() - 2))) {
      return word.substring(0, word.length() - 1) + "ies";
    }
    if (lower.endsWith("s")
        || lower.endsWith("x")
        || lower.endsWith("z")
        || lower.endsWith("ch")
        || lower.endsWith("sh")) {
      return word + "es";
    }
    return word + "s";
  }

  private static boolean isVowel(char c) {
    return "aeiou".indexOf(c) >= 0;
  }
}
