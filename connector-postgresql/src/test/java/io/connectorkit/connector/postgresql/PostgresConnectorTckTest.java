package io.connectorkit.connector.postgresql;

import io.connectorkit.core.DataSource;
import io.connectorkit.tck.ConnectorTck;

/** The whole TCK against PostgreSQL at 127.0.0.1:5432 (CK_POSTGRES_URL overrides). */
class PostgresConnectorTckTest extends ConnectorTck {
  @Override
  protected DataSource createDataSource() {
    return PostgresTestDatabase.open();
  }
}
