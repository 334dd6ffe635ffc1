package io.connectorkit.tck;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.Feature;
import java.util.Set;

/**
 * The outcome of one TCK test.
 *
 * @param section the CONTRACT section, e.g. {@code C4.1}
 * @param areas the test's tags, e.g. {@code filter}
 * @param features the features the test exercises (see {@link ContractSection#features()})
 * @param name the test's display path, e.g. {@code C4.1 where › neqIncludesNullRows()}
 * @param status the outcome
 * @param message the failure or skip reason; empty when passed
 */
public record TckResult(
    String section,
    Set<String> areas,
    Set<Feature> features,
    String name,
    Status status,
    String message) {
  /** Test outcomes. */
  public enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }

  public TckResult {
    requireNonNull(section, "section is null");
    areas = Set.copyOf(areas);
    features = Set.copyOf(features);
    requireNonNull(name, "name is null");
    requireNonNull(status, "status is null");
    requireNonNull(message, "message is null");
  }
}
