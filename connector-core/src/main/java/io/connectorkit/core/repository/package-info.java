/**
 * Typed repositories: {@link io.connectorkit.core.repository.Repository} maps Java records (or
 * classes with a no-argument constructor) to models, {@link io.connectorkit.core.repository.Query}
 * builds filters fluently, {@link io.connectorkit.core.repository.Related} reaches the records of a
 * relation, and the annotations ({@code @Model}, {@code @Id}, {@code @Property}, {@code @Hidden},
 * {@code @BelongsTo}, {@code @HasOne}, {@code @HasMany}) say what model JSON would. Obtain a
 * repository with {@link io.connectorkit.core.DataSource#repository(Class)}.
 */
package io.connectorkit.core.repository;
