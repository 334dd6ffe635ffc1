package io.connectorkit.connector.postgresql;

import io.connectorkit.connector.sql.JdbcSoakScenarios;

/** The bounded soak against the real server (tag {@code soak}: run by the {@code ci} profile). */
class PostgresSoakTest extends JdbcSoakScenarios {
  @Override
  protected String connectorName() {
    return "postgresql";
  }

  @Override
  protected String serverUrl() {
    return PostgresTestDatabase.URL;
  }
}
