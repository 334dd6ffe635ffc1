package com.example.connector.map;

import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import java.util.Objects;

/**
 * Builds the {@code map} connector. Registered in {@code
 * META-INF/services/io.connectorkit.core.spi.ConnectorFactory}, so a datasource names it with {@code
 * {"connector": "map"}}. It takes no settings.
 */
public final class MapConnectorFactory implements ConnectorFactory {
  @Override
  public String name() {
    return MapConnector.NAME;
  }

  @Override
  public Connector initialize(Settings settings) {
    return new MapConnector(Objects.requireNonNull(settings, "settings is null"));
  }
}
