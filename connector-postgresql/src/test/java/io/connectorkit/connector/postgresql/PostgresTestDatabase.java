package io.connectorkit.connector.postgresql;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The test server: PostgreSQL at 127.0.0.1:5432 as {@code postgres} with trust authentication,
 * database {@code ck_pg} (created if absent); {@code CK_POSTGRES_URL} overrides the URL.
 */
final class PostgresTestDatabase {
  static final String URL =
      System.getenv().getOrDefault("CK_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/ck_pg");

  private PostgresTestDatabase() {}

  static Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("connector", "postgresql");
    settings.put("url", URL);
    settings.put("createDatabase", true);
    settings.put("connectionLimit", 4);
    return settings;
  }

  static DataSource open() {
    return DataSources.create("postgresql-test", settings());
  }

  static DataSource open(Map<String, Object> extra) {
    Map<String, Object> settings = settings();
    settings.putAll(extra);
    return DataSources.create("postgresql-test", settings);
  }
}
