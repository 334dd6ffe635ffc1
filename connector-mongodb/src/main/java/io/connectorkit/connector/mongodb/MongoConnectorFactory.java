package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import java.util.Set;

/**
 * Builds the {@code mongodb} connector (MongoDB through {@code mongodb-driver-sync}) from LoopBack
 * MongoDB datasource settings: {@code url}, or {@code host}/{@code port}/{@code database}/{@code
 * username}/{@code password}, plus {@code authSource}, write concern ({@code w}, {@code wtimeout},
 * {@code j}), replica-set and TLS options passed through to the connection string. See the module's
 * README for the whole list.
 */
public final class MongoConnectorFactory implements ConnectorFactory {
  /** {@code "mongodb"}. */
  @Override
  public String name() {
    return MongoConnector.NAME;
  }

  /**
   * Validates the settings and builds an unconnected connector.
   *
   * @param settings never null
   * @throws io.connectorkit.core.common.ConnectorException CONFIGURATION_INVALID naming the bad key
   */
  @Override
  public Connector initialize(Settings settings) {
    requireNonNull(settings, "settings is null");
    return new MongoConnector(settings, MongoSettings.from(settings));
  }

  /** {@code url} may hold a password; it is masked wherever settings are shown. */
  @Override
  public Set<String> secretSettings() {
    return Set.of();
  }
}
