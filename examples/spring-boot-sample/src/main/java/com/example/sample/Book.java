package com.example.sample;

import io.connectorkit.core.annotation.Id;
import io.connectorkit.core.annotation.Model;
import io.connectorkit.core.annotation.Property;

/**
 * A book. {@code @Model} makes the starter find it and register a {@code Repository<Book>} on the
 * datasource; {@code connectorkit.autoupdate} creates its table.
 */
@Model(name = "SampleBook")
public record Book(
    @Id Long id,
    @Property(required = true, length = 200) String title,
    @Property(length = 100) String author,
    Integer year) {}
