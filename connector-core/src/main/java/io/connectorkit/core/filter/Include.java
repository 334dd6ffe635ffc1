package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

/**
 * A relation to include (CONTRACT C4.5).
 *
 * @param relation the relation name
 * @param scope the filter applied to the related model (where, order, fields, limit, skip,
 *     include); {@link Filter#ALL} for none
 */
public record Include(String relation, Filter scope) {
  /**
   * The relation name is checked against the model when the filter is bound ({@link FilterBinder}:
   * {@code INVALID_FILTER}); the scope against the target model when the include runs.
   *
   * @throws NullPointerException for a null relation or scope
   */
  public Include {
    requireNonNull(relation, "relation is null");
    requireNonNull(scope, "scope is null");
  }

  /**
   * A relation without a scope ({@link Filter#ALL}).
   *
   * @throws NullPointerException for a null relation
   */
  public static Include of(String relation) {
    return new Include(relation, Filter.ALL);
  }
}
