package io.connectorkit.connector.helloworld;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.tck.ConnectorTck;
import java.util.Map;

// tutorial:tck
/** The whole TCK against the helloworld connector: every declared feature, every undeclared one. */
class HelloWorldConnectorTckTest extends ConnectorTck {
  @Override
  protected DataSource createDataSource() {
    return DataSources.create(
        "tck", Map.of("connector", "helloworld", "username", "demo", "password", "s3cret"));
  }
}
// end:tck
