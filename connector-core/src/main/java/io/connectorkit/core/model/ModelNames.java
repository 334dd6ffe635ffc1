package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * LoopBack's discovery names: a table {@code order_item} becomes the model {@code OrderItem}, a
 * column {@code customer_id} the property {@code customerId}. Words are runs of letters and digits,
 * split also where a lower-case letter meets an upper-case one ({@code userID} is {@code user},
 * {@code ID}); an all-capital word counts as one word ({@code SKU} becomes {@code sku}).
 */
public final class ModelNames {
  private ModelNames() {}

  /**
   * The PascalCase model name of a table name; the name itself when it has no letter or digit.
   *
   * @throws NullPointerException for null
   */
  public static String pascal(String name) {
    requireNonNull(name, "name is null");
    StringBuilder out = new StringBuilder();
    for (String word : words(name)) {
      out.append(capitalize(word));
    }
    return out.isEmpty() ? name : out.toString();
  }

  /**
   * The camelCase property name of a column name; the name itself when it has no letter or digit.
   *
   * @throws NullPointerException for null
   */
  public static String camel(String name) {
    requireNonNull(name, "name is null");
    List<String> words = words(name);
    if (words.isEmpty()) {
      return name;
    }
    StringBuilder out = new StringBuilder(words.get(0).toLowerCase(Locale.ROOT));
    for (String word : words.subList(1, words.size())) {
      out.append(capitalize(word));
    }
    return out.toString();
  }

  /**
   * The English plural of a camelCase name, for hasMany relation names: {@code order} → {@code
   * orders}, {@code category} → {@code categories}, {@code address} → {@code addresses}.
   *
   * @throws NullPointerException for null
   */
  public static String plural(String name) {
    requireNonNull(name, "name is null");
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith("s")
        || lower.endsWith("x")
        || lower.endsWith("z")
        || lower.endsWith("ch")
        || lower.endsWith("sh")) {
      return name + "es";
    }
    if (lower.endsWith("y")
        && lower.length() > 1
        && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return name.substring(0, name.length() - 1) + "ies";
    }
    return name + "s";
  }

  private static String capitalize(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
  }

  private static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int previous = 0;
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      i += Character.charCount(c);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
      } else {
        if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
          flush(word, words);
        }
        word.appendCodePoint(c);
      }
      previous = c;
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (!word.isEmpty()) {
      words.add(word.toString());
      word.setLength(0);
    }
  }
}
