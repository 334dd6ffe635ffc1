package io.connectorkit.connector.mysql;

import io.connectorkit.connector.sql.JdbcFaultScenarios;

/** The fault scenarios against the real server through a fault-injecting proxy. */
class MySqlFaultTest extends JdbcFaultScenarios {
  @Override
  protected String connectorName() {
    return "mysql";
  }

  @Override
  protected String serverUrl() {
    return MySqlTestDatabase.URL;
  }
}
