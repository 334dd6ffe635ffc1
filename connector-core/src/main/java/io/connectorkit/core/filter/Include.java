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
  public Include {
    requireNonNull(relation, "relation is null");
    requireNonNull(scope, "scope is null");
  }

  public static Include of(String relation) {
    return new Include(relation, Filter.ALL);
  }
}
