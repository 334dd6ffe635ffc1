package io.connectorkit.opentelemetry;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import java.util.Map;

/**
 * The real servers: MariaDB and PostgreSQL on 127.0.0.1, their URLs overridable with {@code
 * CK_MYSQL_URL} and {@code CK_POSTGRES_URL} (databases created if absent).
 */
enum Backends {
  MYSQL("mysql", "CK_MYSQL_URL", "mysql://root@127.0.0.1:3306/ck_test"),
  POSTGRESQL("postgresql", "CK_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/ck_pg");

  private final String connector;
  private final String url;

  Backends(String connector, String variable, String fallback) {
    this.connector = connector;
    this.url = System.getenv().getOrDefault(variable, fallback);
  }

  /** The database the URL names. */
  String database() {
    return java.net.URI.create(url).getPath().substring(1);
  }

  DataSource open(String name) {
    return DataSources.create(
        name,
        Map.of("connector", connector, "url", url, "createDatabase", true, "connectionLimit", 2));
  }
}
