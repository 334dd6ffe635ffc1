/**
 * Annotations on Java records that {@link io.connectorkit.core.Repository} derives a model from:
 * {@code @Id}, {@code @Property}, {@code @Hidden}, {@code @Model} and the relations
 * {@code @BelongsTo}, {@code @HasOne}, {@code @HasMany}.
 *
 * <p>Audience: applications.
 */
package io.connectorkit.core.annotation;
