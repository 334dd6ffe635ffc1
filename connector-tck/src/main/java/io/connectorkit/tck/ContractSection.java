package io.connectorkit.tck;

import io.connectorkit.core.common.Feature;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The CONTRACT section a TCK test verifies, and the optional features it exercises. The
 * compatibility report groups results by both; a test of an undeclared feature that passes has
 * verified that the connector reports {@code UNSUPPORTED_OPERATION} (two-sided check).
 *
 * <p>Not named {@code Contract}: NullAway, like IntelliJ, reads every annotation of that simple
 * name as a JetBrains-style nullness contract ({@code "null -> false"}) and rejects section
 * numbers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ContractSection {
  /** The section, e.g. {@code "C4.1"}. */
  String value();

  /** The features the test exercises; empty for the core contract. */
  Feature[] features() default {};

  /**
   * Whether the test stores or reads records, which needs {@link Feature#CRUD}. On a connector
   * without it such a test is skipped, naming the missing prerequisite; a test marked {@code false}
   * runs on every connector and touches records only where it checks that CRUD is declared.
   */
  boolean records() default true;
}
