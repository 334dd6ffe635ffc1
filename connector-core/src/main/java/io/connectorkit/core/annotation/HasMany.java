package io.connectorkit.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code hasMany} (or, with {@link #through()}, {@code hasManyThrough}) relation (CONTRACT C4.5)
 * on a {@code List} component: it holds the related records when a find includes them, and is never
 * written.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface HasMany {
  /** The target model; empty for the model of the list item type. */
  String model() default "";

  /** The foreign key on the target (or the through model); empty for {@code <thisModel>Id}. */
  String foreignKey() default "";

  /** The through model of a {@code hasManyThrough}; empty for a plain {@code hasMany}. */
  String through() default "";

  /** The through model key to the target; empty for {@code <target>Id}. */
  String keyThrough() default "";
}
