package io.connectorkit.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model a type maps to (CONTRACT C1.2); without it the model is named after the simple class
 * name and is strict.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE})
public @interface Model {
  /** The model name; empty for the simple class name. */
  String name() default "";

  /** Whether undeclared properties are rejected. */
  boolean strict() default true;
}
