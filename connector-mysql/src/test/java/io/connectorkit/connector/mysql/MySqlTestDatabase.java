package io.connectorkit.connector.mysql;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The test server: MariaDB (or MySQL) at 127.0.0.1:3306 as root without a password, database {@code
 * ck_test} (created if absent); {@code CK_MYSQL_URL} overrides the URL.
 */
final class MySqlTestDatabase {
  static final String URL =
      System.getenv().getOrDefault("CK_MYSQL_URL", "mysql://root@127.0.0.1:3306/ck_test");

  private MySqlTestDatabase() {}

  static Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("connector", "mysql");
    settings.put("url", URL);
    settings.put("createDatabase", true);
    settings.put("connectionLimit", 4);
    return settings;
  }

  static DataSource open() {
    return DataSources.create("mysql-test", settings());
  }

  static DataSource open(Map<String, Object> extra) {
    Map<String, Object> settings = settings();
    settings.putAll(extra);
    return DataSources.create("mysql-test", settings);
  }
}
