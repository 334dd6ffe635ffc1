package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Compiled {@code like} and {@code regexp} patterns, cached: the same where is typically evaluated
 * against every row of a scan.
 */
final class Patterns {
  /** Past this many entries a cache is dropped rather than grown; patterns are cheap to rebuild. */
  private static final int MAX_CACHED = 1024;

  private static final Map<LikeKey, Pattern> LIKE_CACHE = new ConcurrentHashMap<>();
  private static final Map<Regexp, Pattern> REGEXP_CACHE = new ConcurrentHashMap<>();

  private Patterns() {}

  private record LikeKey(String pattern, boolean ignoreCase) {}

  /**
   * The SQL pattern as a whole-string regular expression: {@code %} any run, {@code _} exactly one
   * code point, {@code \} makes the next character literal (a trailing {@code \} is literal).
   */
  static Pattern like(String sqlPattern, boolean ignoreCase) {
    requireNonNull(sqlPattern, "sqlPattern is null");
    return cached(
        LIKE_CACHE,
        new LikeKey(sqlPattern, ignoreCase),
        key -> compileLike(key.pattern(), key.ignoreCase()));
  }

  /** The regular expression of a regexp operand with its flags. */
  static Pattern regexp(Regexp regexp) {
    requireNonNull(regexp, "regexp is null");
    return cached(REGEXP_CACHE, regexp, Patterns::compileRegexp);
  }

  private static <K> Pattern cached(
      Map<K, Pattern> cache, K key, java.util.function.Function<K, Pattern> compile) {
    Pattern pattern = cache.get(key);
    if (pattern == null) {
      pattern = compile.apply(key);
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(key, pattern);
    }
    return pattern;
  }

  private static Pattern compileLike(String sqlPattern, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < sqlPattern.length()) {
      int cp = sqlPattern.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\\' && i < sqlPattern.length()) {
        int escaped = sqlPattern.codePointAt(i);
        i += Character.charCount(escaped);
        literal.appendCodePoint(escaped);
      } else if (cp == '%' || cp == '_') {
        flushLiteral(regex, literal);
        // "." in java.util.regex consumes a whole code point, surrogate pairs included.
        regex.append(cp == '%' ? ".*" : ".");
      } else {
        literal.appendCodePoint(cp);
      }
    }
    flushLiteral(regex, literal);
    int flags = Pattern.DOTALL;
    if (ignoreCase) {
      flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    }
    return Pattern.compile(regex.toString(), flags);
  }

  private static void flushLiteral(StringBuilder regex, StringBuilder literal) {
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }

  private static Pattern compileRegexp(Regexp regexp) {
    int flags = 0;
    for (int i = 0; i < regexp.flags().length(); i++) {
      switch (regexp.flags().charAt(i)) {
        case 'i' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        case 'm' -> flags |= Pattern.MULTILINE;
        case 's' -> flags |= Pattern.DOTALL;
        default ->
            throw new IllegalArgumentException(
                "unsupported regexp flag \"" + regexp.flags().charAt(i) + "\"");
      }
    }
    return Pattern.compile(regexp.pattern(), flags);
  }
}
