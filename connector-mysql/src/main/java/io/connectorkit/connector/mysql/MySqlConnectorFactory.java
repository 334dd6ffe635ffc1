package io.connectorkit.connector.mysql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.Connector;
import io.connectorkit.core.ConnectorFactory;
import io.connectorkit.core.Settings;

/**
 * Builds the {@code mysql} connector (MySQL 8, MariaDB 10.x) with LoopBack's MySQL settings: {@code
 * url} ({@code mysql://user:password@host:port/database}) or {@code host}, {@code port}, {@code
 * user}, {@code password}, {@code database}; {@code connectionLimit}, {@code connectionTimeout},
 * {@code validationTimeout}, {@code createDatabase}, {@code lazyConnect}, {@code ssl}. See the
 * module README.
 */
public final class MySqlConnectorFactory implements ConnectorFactory {
  @Override
  public String name() {
    return MySqlConnector.NAME;
  }

  /**
   * @throws io.connectorkit.core.ConnectorException CONFIGURATION_INVALID naming a bad setting
   */
  @Override
  public Connector initialize(Settings settings) {
    requireNonNull(settings, "settings is null");
    return new MySqlConnector(settings);
  }
}
