package io.connectorkit.connector.mysql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.filter.Regexp;
import org.jspecify.annotations.Nullable;

/**
 * Translates a contract regexp ({@code java.util.regex} syntax and meaning) into a PCRE2 pattern
 * with exactly the same matches, for MariaDB's {@code REGEXP} (PCRE2 in UTF mode; case-sensitive
 * under the binary collations the connector compares with) — or answers null, and the condition is
 * left to the core. Only a conservative subset is translated:
 *
 * <ul>
 *   <li>literal characters (not control characters), and {@code \} before a punctuation character;
 *   <li>{@code \d \D \s \S \w \W} as the explicit ASCII classes Java gives them, {@code \t \n \r
 *       \f};
 *   <li>{@code .} as "anything but Java's line terminators" ({@code \n \r U+0085 U+2028 U+2029}),
 *       or anything with flag {@code s};
 *   <li>{@code ^}, and {@code $} as Java's "end, or before a final line terminator"; with flag
 *       {@code m} neither may appear (the line terminators differ);
 *   <li>groups {@code ( )} and {@code (?: )}, alternation, quantifiers {@code * + ? {n} {n,} {n,m}}
 *       (greedy, lazy or possessive);
 *   <li>classes {@code [ ]} and {@code [^ ]} of literal characters, escapes and ranges (no nested
 *       classes, intersections or POSIX names, which the two engines read differently);
 *   <li>flag {@code i} only for patterns of ASCII characters without letter ranges, {@code \w}, or
 *       the letter {@code i} (Java folds {@code İ} to {@code i}; PCRE2 does not).
 * </ul>
 *
 * <p>The pattern starts with {@code (?^)} (or {@code (?^i)}) so that the server's {@code
 * default_regex_flags} cannot change its meaning.
 */
final class PcrePatterns {
  /** Java's line terminators (without UNIX_LINES), as a PCRE2 class body. */
  private static final String LINE_TERMINATORS = "\\n\\r\\x{85}\\x{2028}\\x{2029}";

  /** Java's non-multiline {@code $}: at the end, or before a final line terminator. */
  private static final String DOLLAR =
      "(?=(?:\\r\\n|(?<!\\r)\\n|[\\r\\x{85}\\x{2028}\\x{2029}])?\\z)";

  private static final String PUNCTUATION = "\\.[]{}()*+?|^$/-&<>=!:,#'\"@%~`;_ ";

  private final String pattern;
  private final boolean ignoreCase;
  private final boolean multiline;
  private final boolean dotAll;
  private final StringBuilder out = new StringBuilder("(?^)");
  private int pos;
  private int depth;

  private PcrePatterns(Regexp regexp) {
    this.pattern = regexp.pattern();
    this.ignoreCase = regexp.flags().indexOf('i') >= 0;
    this.multiline = regexp.flags().indexOf('m') >= 0;
    this.dotAll = regexp.flags().indexOf('s') >= 0;
    if (ignoreCase) {
      out.setLength(0);
      out.append("(?^i)");
    }
  }

  /** The equivalent PCRE2 pattern, or null when this subset cannot express the regexp exactly. */
  static @Nullable String translate(Regexp regexp) {
    requireNonNull(regexp, "regexp is null");
    for (char flag : regexp.flags().toCharArray()) {
      if ("ims".indexOf(flag) < 0) {
        return null;
      }
    }
    try {
      return new PcrePatterns(regexp).run();
    } catch (Unsupported e) {
      return null;
    }
  }

  /** Thrown inside the translation for anything outside the subset. */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private String run() throws Unsupported {
    boolean atomBefore = false;
    while (pos < pattern.length()) {
      int c = pattern.codePointAt(pos);
      switch (c) {
        case '\\' -> {
          pos++;
          out.append(escape(false));
          atomBefore = true;
        }
        case '.' -> {
          pos++;
          out.append(dotAll ? "(?s:.)" : "[^" + LINE_TERMINATORS + "]");
          atomBefore = true;
        }
        case '^' -> {
          require(!multiline);
          pos++;
          out.append('^');
          atomBefore = false;
        }
        case '$' -> {
          require(!multiline);
          pos++;
          out.append(DOLLAR);
          atomBefore = false;
        }
        case '(' -> {
          pos++;
          if (pattern.startsWith("?:", pos)) {
            pos += 2;
            out.append("(?:");
          } else {
            require(pos >= pattern.length() || pattern.charAt(pos) != '?');
            out.append('(');
          }
          depth++;
          atomBefore = false;
        }
        case ')' -> {
          require(depth > 0);
          depth--;
          pos++;
          out.append(')');
          atomBefore = true;
        }
        case '|' -> {
          pos++;
          out.append('|');
          atomBefore = false;
        }
        case '[' -> {
          pos++;
          out.append(characterClass());
          atomBefore = true;
        }
        case '*', '+', '?', '{' -> {
          require(atomBefore);
          out.append(quantifier());
          atomBefore = false;
        }
        default -> {
          out.append(literal(c));
          pos += Character.charCount(c);
          atomBefore = true;
        }
      }
    }
    require(depth == 0);
    return out.toString();
  }

  private static void require(boolean condition) throws Unsupported {
    if (!condition) {
      throw new Unsupported();
    }
  }

  /** A literal character outside a class, escaped for PCRE2 when it is punctuation. */
  private String literal(int c) throws Unsupported {
    require(c >= 0x20 && c != 0x7f && !Character.isISOControl(c));
    require(c < 0xD800 || c > 0xDFFF);
    checkCase(c);
    if (c == ']' || c == '}') {
      // Literal in Java; escaped for PCRE2 to be unambiguous.
      return "\\" + (char) c;
    }
    return new String(Character.toChars(c));
  }

  /** Under flag {@code i}: only ASCII, and not {@code i}/{@code I} (see the class comment). */
  private void checkCase(int c) throws Unsupported {
    if (ignoreCase) {
      require(c < 0x80 && c != 'i' && c != 'I');
    }
  }

  /** The escape after a {@code \}, outside ({@code inClass} false) or inside a class. */
  private String escape(boolean inClass) throws Unsupported {
    require(pos < pattern.length());
    char c = pattern.charAt(pos++);
    String body =
        switch (c) {
          case 'd' -> "0-9";
          case 's' -> " \\t\\n\\x0B\\f\\r";
          case 'w' -> {
            require(!ignoreCase);
            yield "a-zA-Z_0-9";
          }
          default -> null;
        };
    if (body != null) {
      return inClass ? body : "[" + body + "]";
    }
    switch (c) {
      case 'D', 'S', 'W' -> {
        require(!inClass && (c != 'W' || !ignoreCase));
        String positive =
            switch (c) {
              case 'D' -> "0-9";
              case 'S' -> " \\t\\n\\x0B\\f\\r";
              default -> "a-zA-Z_0-9";
            };
        return "[^" + positive + "]";
      }
      case 't' -> {
        return "\\t";
      }
      case 'n' -> {
        return "\\n";
      }
      case 'r' -> {
        return "\\r";
      }
      case 'f' -> {
        return "\\f";
      }
      default -> {
        // Only punctuation: a backslash before a letter or digit means something else in one
        // engine or the other (word boundaries, quoting, hex and Unicode escapes, back references).
        require(PUNCTUATION.indexOf(c) >= 0);
        return "\\" + c;
      }
    }
  }

  /** A class after its {@code [}: literal characters, escapes and ranges, then {@code ]}. */
  private String characterClass() throws Unsupported {
    StringBuilder body = new StringBuilder("[");
    if (pos < pattern.length() && pattern.charAt(pos) == '^') {
      body.append('^');
      pos++;
    }
    // PCRE2 reads [:…:], [.….] and [=…=] as POSIX constructs; Java as plain characters.
    require(pos >= pattern.length() || ":.=".indexOf(pattern.charAt(pos)) < 0);
    boolean empty = true;
    while (true) {
      require(pos < pattern.length());
      int c = pattern.codePointAt(pos);
      if (c == ']') {
        require(!empty);
        pos++;
        return body.append(']').toString();
      }
      // Nested classes, intersections and a bare '^' or '-' read differently in the two engines.
      require(c != '[' && c != '&' && c != '^' && c != '-');
      String item;
      int start = -1;
      if (c == '\\') {
        pos++;
        int before = pos;
        item = escape(true);
        char escaped = pattern.charAt(before);
        if (PUNCTUATION.indexOf(escaped) >= 0) {
          start = escaped;
        }
      } else {
        item = classLiteral(c);
        start = c;
        pos += Character.charCount(c);
      }
      if (pos < pattern.length() && pattern.charAt(pos) == '-' && pattern.startsWith("-", pos)) {
        // A range: both ends single characters, no letters under flag i.
        require(start >= 0 && pos + 1 < pattern.length() && pattern.charAt(pos + 1) != ']');
        pos++;
        int end = pattern.codePointAt(pos);
        String endItem;
        if (end == '\\') {
          pos++;
          require(pos < pattern.length() && PUNCTUATION.indexOf(pattern.charAt(pos)) >= 0);
          end = pattern.charAt(pos++);
          endItem = "\\" + (char) end;
        } else {
          require(end != '[' && end != '&' && end != '^' && end != '-');
          endItem = classLiteral(end);
          pos += Character.charCount(end);
        }
        require(start <= end);
        require(!ignoreCase);
        item = item + "-" + endItem;
      }
      body.append(item);
      empty = false;
    }
  }

  private String classLiteral(int c) throws Unsupported {
    require(c >= 0x20 && c != 0x7f && !Character.isISOControl(c));
    require(c < 0xD800 || c > 0xDFFF);
    checkCase(c);
    return c == ']' || c == '\\' ? "\\" + (char) c : new String(Character.toChars(c));
  }

  /** A quantifier and its optional lazy or possessive mark. */
  private String quantifier() throws Unsupported {
    char c = pattern.charAt(pos++);
    StringBuilder q = new StringBuilder().append(c);
    if (c == '{') {
      int close = pattern.indexOf('}', pos);
      require(close > pos);
      String inside = pattern.substring(pos, close);
      require(inside.matches("[0-9]{1,4}(,([0-9]{1,4})?)?"));
      String[] bounds = inside.split(",", -1);
      if (bounds.length == 2 && !bounds[1].isEmpty()) {
        require(Integer.parseInt(bounds[0]) <= Integer.parseInt(bounds[1]));
      }
      q.append(inside).append('}');
      pos = close + 1;
    }
    if (pos < pattern.length() && (pattern.charAt(pos) == '?' || pattern.charAt(pos) == '+')) {
      q.append(pattern.charAt(pos++));
    }
    // A quantifier straight after another one means different things in the two engines.
    require(pos >= pattern.length() || "*+?{".indexOf(pattern.charAt(pos)) < 0);
    return q.toString();
  }
}
