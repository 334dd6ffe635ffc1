package io.connectorkit.connector.mysql;

import io.connectorkit.connector.sql.JdbcSoakScenarios;

/** The bounded soak against the real server (tag {@code soak}: run by the {@code ci} profile). */
class MySqlSoakTest extends JdbcSoakScenarios {
  @Override
  protected String connectorName() {
    return "mysql";
  }

  @Override
  protected String serverUrl() {
    return MySqlTestDatabase.URL;
  }
}
