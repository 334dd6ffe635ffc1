/**
 * The SPI for SQL connectors: {@link io.connectorkit.core.spi.sql.SqlConnector} turns bound filters
 * into {@link io.connectorkit.core.spi.sql.ParameterizedSql} through a {@link
 * io.connectorkit.core.spi.sql.SqlDialect}. JDBC plumbing lives in the {@code connector-sql}
 * module.
 *
 * <p>Audience: authors of SQL connectors.
 */
package io.connectorkit.core.spi.sql;
