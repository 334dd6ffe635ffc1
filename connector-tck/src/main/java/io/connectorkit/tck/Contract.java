package io.connectorkit.tck;

import io.connectorkit.core.Feature;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The CONTRACT section a TCK test verifies, and the optional features it exercises. The
 * compatibility report groups results by both; a test of an undeclared feature that passes has
 * verified that the connector reports {@code UNSUPPORTED_OPERATION} (two-sided check).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Contract {
  /** The section, e.g. {@code "C4.1"}. */
  String value();

  /** The features the test exercises; empty for the core contract. */
  Feature[] features() default {};
}
