package io.connectorkit.spring;

import io.connectorkit.core.annotation.Id;
import io.connectorkit.core.annotation.Model;
import io.connectorkit.core.annotation.Property;

/** The record of the MariaDB transaction tests; its own table, so no other test's is touched. */
@Model(name = "StarterAccount")
public record Account(@Id Long id, @Property(required = true, length = 40) String owner) {}
