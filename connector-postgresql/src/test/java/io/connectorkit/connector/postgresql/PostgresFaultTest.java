package io.connectorkit.connector.postgresql;

import io.connectorkit.connector.sql.JdbcFaultScenarios;

/** The fault scenarios against the real server through a fault-injecting proxy. */
class PostgresFaultTest extends JdbcFaultScenarios {
  @Override
  protected String connectorName() {
    return "postgresql";
  }

  @Override
  protected String serverUrl() {
    return PostgresTestDatabase.URL;
  }
}
