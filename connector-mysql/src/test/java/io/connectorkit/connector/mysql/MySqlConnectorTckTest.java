package io.connectorkit.connector.mysql;

import io.connectorkit.core.DataSource;
import io.connectorkit.tck.ConnectorTck;

/** The whole TCK against MariaDB 10.11 at 127.0.0.1:3306 (CK_MYSQL_URL overrides). */
class MySqlConnectorTckTest extends ConnectorTck {
  @Override
  protected DataSource createDataSource() {
    return MySqlTestDatabase.open();
  }
}
