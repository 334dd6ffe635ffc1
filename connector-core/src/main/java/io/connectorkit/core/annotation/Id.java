package io.connectorkit.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the id property. Without any, a component named {@code id} is the id. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Id {
  /** Whether the backend generates the value (the model JSON key {@code generated}). */
  boolean generated() default true;
}
