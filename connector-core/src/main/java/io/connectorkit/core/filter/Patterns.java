package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.Values;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiled {@code like} and {@code regexp} patterns, cached: the same where is typically evaluated
 * against every row of a scan.
 *
 * <p>Both are bounded (docs/contract.md C4.1, bounded evaluation): a {@code like} pattern is
 * matched without any regular expression, in time proportional to pattern length × value length; a
 * {@code regexp} runs on {@code java.util.regex} (the contract's syntax) under a step budget of the
 * same order, and one that exceeds it is refused with {@code INVALID_FILTER} naming the pattern,
 * instead of backtracking for minutes.
 */
final class Patterns {
  /** Past this many entries a cache is dropped rather than grown; patterns are cheap to rebuild. */
  private static final int MAX_CACHED = 1024;

  private static final Map<LikeKey, LikePattern> LIKE_CACHE = new ConcurrentHashMap<>();
  private static final Map<Regexp, BoundedRegexp> REGEXP_CACHE = new ConcurrentHashMap<>();

  private Patterns() {}

  private record LikeKey(String pattern, boolean ignoreCase) {}

  /**
   * The SQL pattern as a matcher of whole strings: {@code %} any run, {@code _} exactly one code
   * point, {@code \} makes the next character literal (a trailing {@code \} is literal).
   */
  static LikePattern like(String sqlPattern, boolean ignoreCase) {
    requireNonNull(sqlPattern, "sqlPattern is null");
    return cached(
        LIKE_CACHE,
        new LikeKey(sqlPattern, ignoreCase),
        key -> LikePattern.compile(key.pattern(), key.ignoreCase()));
  }

  /**
   * The regular expression of a regexp operand with its flags.
   *
   * @throws PatternSyntaxException when the pattern is not valid {@code java.util.regex} syntax or
   *     is nested too deeply to compile
   */
  static BoundedRegexp regexp(Regexp regexp) {
    requireNonNull(regexp, "regexp is null");
    return cached(REGEXP_CACHE, regexp, Patterns::compileRegexp);
  }

  private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> compile) {
    V pattern = cache.get(key);
    if (pattern == null) {
      pattern = compile.apply(key);
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(key, pattern);
    }
    return pattern;
  }

  private static BoundedRegexp compileRegexp(Regexp regexp) {
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
    // A pattern nested too deeply to compile surfaces as a PatternSyntaxException ("Stack overflow
    // during pattern compilation"), which the parser reports as INVALID_FILTER.
    return new BoundedRegexp(regexp, Pattern.compile(regexp.pattern(), flags));
  }

  /** A compiled {@code like} pattern: code points, with {@link #ANY_RUN} and {@link #ANY_ONE}. */
  static final class LikePattern {
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    private final int[] tokens;
    private final boolean ignoreCase;

    private LikePattern(int[] tokens, boolean ignoreCase) {
      this.tokens = tokens;
      this.ignoreCase = ignoreCase;
    }

    static LikePattern compile(String sqlPattern, boolean ignoreCase) {
      int[] tokens = new int[sqlPattern.codePointCount(0, sqlPattern.length())];
      int count = 0;
      int i = 0;
      while (i < sqlPattern.length()) {
        int cp = sqlPattern.codePointAt(i);
        i += Character.charCount(cp);
        if (cp == '\\' && i < sqlPattern.length()) {
          int escaped = sqlPattern.codePointAt(i);
          i += Character.charCount(escaped);
          tokens[count++] = fold(escaped, ignoreCase);
        } else if (cp == '%') {
          // A run of % means the same as one %, and collapsing it keeps the matcher's work small.
          if (count == 0 || tokens[count - 1] != ANY_RUN) {
            tokens[count++] = ANY_RUN;
          }
        } else if (cp == '_') {
          tokens[count++] = ANY_ONE;
        } else {
          tokens[count++] = fold(cp, ignoreCase);
        }
      }
      return new LikePattern(java.util.Arrays.copyOf(tokens, count), ignoreCase);
    }

    /**
     * Whether the whole of {@code text} matches. Greedy with one resumption point (the last {@code
     * %} seen): a later {@code %} supersedes earlier ones, so no state is ever revisited more than
     * once per text position, giving at most pattern length × text length steps.
     */
    boolean matches(String text) {
      int[] value = text.codePoints().toArray();
      int p = 0;
      int v = 0;
      int runAt = -1;
      int runFrom = 0;
      while (v < value.length) {
        if (p < tokens.length
            && (tokens[p] == ANY_ONE
                || (tokens[p] >= 0 && tokens[p] == fold(value[v], ignoreCase)))) {
          p++;
          v++;
        } else if (p < tokens.length && tokens[p] == ANY_RUN) {
          runAt = p++;
          runFrom = v;
        } else if (runAt >= 0) {
          p = runAt + 1;
          v = ++runFrom;
        } else {
          return false;
        }
      }
      while (p < tokens.length && tokens[p] == ANY_RUN) {
        p++;
      }
      return p == tokens.length;
    }

    /** Unicode simple case folding, as {@code ilike} specifies (C4.1). */
    private static int fold(int cp, boolean ignoreCase) {
      return ignoreCase ? Character.toLowerCase(Character.toUpperCase(cp)) : cp;
    }
  }

  /** A {@code java.util.regex} pattern that refuses to run longer than its step budget. */
  static final class BoundedRegexp {
    /** Steps allowed per (pattern length + 1) × (value length + 1): generous for linear work. */
    private static final long STEPS_PER_CELL = 256;

    private static final long MIN_STEPS = 100_000;

    private final Regexp source;
    private final Pattern pattern;

    private BoundedRegexp(Regexp source, Pattern pattern) {
      this.source = source;
      this.pattern = pattern;
    }

    /**
     * Whether the expression finds a match anywhere in {@code text}.
     *
     * @throws ConnectorException {@code INVALID_FILTER} when it needs more steps than the bound
     */
    boolean find(String text) {
      long budget =
          Math.max(
              MIN_STEPS, STEPS_PER_CELL * (source.pattern().length() + 1L) * (text.length() + 1L));
      try {
        return pattern.matcher(new CountingSequence(text, budget)).find();
      } catch (BudgetExceeded | StackOverflowError e) {
        // The matcher backtracks recursively; its state is local to this call, so a stack
        // overflow here is as safe to report as the budget running out.
        throw new ConnectorException(
            ErrorCode.INVALID_FILTER,
            "regexp "
                + Values.show(source.toString())
                + " needs more than "
                + budget
                + " steps on a "
                + text.length()
                + "-character value (a nested or repeated quantifier such as (.*a){12} or"
                + " (a+)+ backtracks exponentially); rewrite it without nested quantifiers");
      }
    }
  }

  /** Counts every character the matcher reads; each backtracking step reads at least one. */
  private static final class CountingSequence implements CharSequence {
    private final String text;
    private final long budget;
    private long steps;

    CountingSequence(String text, long budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (++steps > budget) {
        throw new BudgetExceeded();
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super(null, null, false, false);
    }
  }
}
