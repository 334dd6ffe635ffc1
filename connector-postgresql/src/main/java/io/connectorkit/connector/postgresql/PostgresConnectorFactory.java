package io.connectorkit.connector.postgresql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.Connector;
import io.connectorkit.core.ConnectorFactory;
import io.connectorkit.core.Settings;

/**
 * Builds the {@code postgresql} connector with LoopBack's PostgreSQL settings: {@code url} ({@code
 * postgres://user:password@host:port/database}) or {@code host}, {@code port}, {@code user}, {@code
 * password}, {@code database}; {@code schema}, {@code connectionLimit}, {@code connectionTimeout},
 * {@code validationTimeout}, {@code createDatabase}, {@code lazyConnect}, {@code ssl}. See the
 * module README.
 */
public final class PostgresConnectorFactory implements ConnectorFactory {
  @Override
  public String name() {
    return PostgresConnector.NAME;
  }

  /**
   * @throws NullPointerException for null settings
   * @throws io.connectorkit.core.ConnectorException CONFIGURATION_INVALID naming a bad setting
   */
  @Override
  public Connector initialize(Settings settings) {
    requireNonNull(settings, "settings is null");
    return new PostgresConnector(settings);
  }
}
