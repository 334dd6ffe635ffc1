package io.connectorkit.tck;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import java.util.Map;

/** The TCK against the memory connector, every feature declared: it must pass every test. */
class MemoryConnectorTckTest extends ConnectorTck {
  @Override
  protected DataSource createDataSource() {
    return DataSources.create("tck", Map.of("connector", "memory"));
  }
}
