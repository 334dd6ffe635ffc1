package io.connectorkit.tck;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.Feature;
import java.util.List;
import java.util.Set;

/**
 * The results of a TCK run against one connector.
 *
 * @param connector the connector's name
 * @param declared the features the connector declares
 * @param results every test's outcome, in execution order
 */
public record TckReport(String connector, Set<Feature> declared, List<TckResult> results) {
  public TckReport {
    requireNonNull(connector, "connector is null");
    declared = Set.copyOf(declared);
    results = List.copyOf(results);
  }

  public long count(TckResult.Status status) {
    return results.stream().filter(result -> result.status() == status).count();
  }

  public List<TckResult> failures() {
    return results.stream().filter(result -> result.status() == TckResult.Status.FAILED).toList();
  }

  /** Whether every test passed or was skipped for a missing prerequisite. */
  public boolean passed() {
    return failures().isEmpty() && !results.isEmpty();
  }
}
