package io.connectorkit.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Settings of one property, as in model JSON (CONTRACT C1.2). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Property {
  /** The property name; empty for the component name. */
  String name() default "";

  /** Whether null or absent fails validation on create and replace. */
  boolean required() default false;

  /** The maximum length of a string; 0 for none. */
  int length() default 0;

  /** Whether the property is indexed ({@code "index": true}). */
  boolean index() default false;

  /** Whether the index is unique ({@code "index": {"unique": true}}); implies {@link #index()}. */
  boolean unique() default false;
}
