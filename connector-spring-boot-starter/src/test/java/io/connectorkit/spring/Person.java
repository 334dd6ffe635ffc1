package io.connectorkit.spring;

import io.connectorkit.core.annotation.Id;
import io.connectorkit.core.annotation.Property;

/** A record the tests list under {@code connectorkit.repositories}. */
public record Person(@Id Long id, @Property(required = true) String name, Integer age) {}
