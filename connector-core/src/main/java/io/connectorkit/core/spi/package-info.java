/**
 * The connector SPI: what a connector author implements and uses. A connector artifact registers a
 * {@link io.connectorkit.core.spi.ConnectorFactory} with {@link java.util.ServiceLoader}; the
 * factory reads {@link io.connectorkit.core.spi.Settings} and builds a {@link
 * io.connectorkit.core.spi.Connector}, whose record methods the DAO calls with validated data and
 * bound filters. {@link io.connectorkit.core.spi.Pushdown} says which part of a where the connector
 * enforced; {@link io.connectorkit.core.spi.UpsertData} carries an upsert's data; {@link
 * io.connectorkit.core.spi.ExecuteListener}s see every native call (docs/contract.md C9).
 *
 * <p>Audience: connector authors. Applications reach what they need of a connector (its name,
 * features and execute hooks) through {@link io.connectorkit.core.DataSource}.
 */
package io.connectorkit.core.spi;
