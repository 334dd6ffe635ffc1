package io.connectorkit.spring.scanned;

import io.connectorkit.core.annotation.Id;
import io.connectorkit.core.annotation.Model;

/** A {@code @Model} record found by scanning this package. */
@Model(name = "Note")
public record Note(@Id Long id, String text) {}
