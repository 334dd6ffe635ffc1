package io.connectorkit.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code belongsTo} relation (CONTRACT C4.5): the component holds the related record when a find
 * includes it, and is never written.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface BelongsTo {
  /** The target model; empty for the model of the component type. */
  String model() default "";

  /** The foreign key on this model; empty for {@code <relation>Id}. */
  String foreignKey() default "";
}
