/**
 * ConnectorKit's core: the user API ({@code io.connectorkit.core} and the shared {@code common},
 * {@code annotation}, {@code model} and {@code filter} packages) and the connector SPI ({@code
 * spi}, {@code spi.sql}). Implementation classes are package-private in the packages they serve; no
 * {@code internal} package is exported.
 */
module io.connectorkit.core {
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;
  // @Nullable appears in the public API: users see it without declaring JSpecify themselves.
  requires transitive org.jspecify;

  exports io.connectorkit.core;
  exports io.connectorkit.core.annotation;
  exports io.connectorkit.core.common;
  exports io.connectorkit.core.filter;
  exports io.connectorkit.core.model;
  exports io.connectorkit.core.spi;
  exports io.connectorkit.core.spi.sql;

  uses io.connectorkit.core.spi.ConnectorFactory;
}
