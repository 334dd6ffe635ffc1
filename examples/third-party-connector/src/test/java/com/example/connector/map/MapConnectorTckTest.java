package com.example.connector.map;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.tck.ConnectorTck;
import java.util.Map;

/**
 * The whole ConnectorKit TCK against the map connector: every declared feature is tested for
 * behaviour, every undeclared one must fail with UNSUPPORTED_OPERATION.
 */
class MapConnectorTckTest extends ConnectorTck {
  @Override
  protected DataSource createDataSource() {
    // A new connector, so a new empty store, for every test.
    return DataSources.create("tck", Map.of("connector", "map"));
  }
}
