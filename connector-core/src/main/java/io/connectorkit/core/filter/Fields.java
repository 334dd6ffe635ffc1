package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A field selection (CONTRACT C4.4). When {@link #include()} is non-empty only those properties are
 * returned (the true ones win over false ones); else every property but {@link #exclude()}.
 */
public record Fields(Set<String> include, Set<String> exclude) {
  /** Every property: nothing included, nothing excluded. */
  public static final Fields ALL = new Fields(Set.of(), Set.of());

  /**
   * Copies both sets, unmodifiable and in iteration order. Names are checked against a model only
   * when the filter is bound ({@link FilterBinder}: {@code INVALID_FILTER} on a strict model).
   *
   * @throws NullPointerException for a null set
   */
  public Fields {
    include =
        Collections.unmodifiableSet(
            new LinkedHashSet<>(requireNonNull(include, "include is null")));
    exclude =
        Collections.unmodifiableSet(
            new LinkedHashSet<>(requireNonNull(exclude, "exclude is null")));
  }

  /**
   * Only the named properties; no names selects every property.
   *
   * @throws NullPointerException for a null array or name
   */
  public static Fields only(String... names) {
    return new Fields(new LinkedHashSet<>(java.util.List.of(names)), Set.of());
  }

  /**
   * Every property but the named ones.
   *
   * @throws NullPointerException for a null array or name
   */
  public static Fields except(String... names) {
    return new Fields(Set.of(), new LinkedHashSet<>(java.util.List.of(names)));
  }

  /** Whether this selects every property (neither set has a name). */
  public boolean isAll() {
    return include.isEmpty() && exclude.isEmpty();
  }

  /** Whether a property is selected. */
  public boolean selects(@Nullable String property) {
    return include.isEmpty() ? !exclude.contains(property) : include.contains(property);
  }
}
