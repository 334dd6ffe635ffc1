package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

/**
 * The value of a {@code regexp} condition.
 *
 * @param pattern the regular expression (Java syntax), never null
 * @param flags a subset of {@code i}, {@code m}, {@code s}; never null
 */
public record Regexp(String pattern, String flags) {
  /**
   * Flags and syntax are not checked here but when the filter is bound ({@link FilterBinder}:
   * {@code INVALID_FILTER}).
   *
   * @throws NullPointerException for a null pattern or flags
   */
  public Regexp {
    requireNonNull(pattern, "pattern is null");
    requireNonNull(flags, "flags is null");
  }

  /** Whether the flags hold {@code i}. */
  public boolean caseInsensitive() {
    return flags.indexOf('i') >= 0;
  }

  /** The JSON form, {@code "/pat/flags"}. */
  @Override
  public String toString() {
    return "/" + pattern + "/" + flags;
  }
}
