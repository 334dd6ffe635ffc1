package io.connectorkit.connector.mysql;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.tck.ConnectorTck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The whole TCK against MySQL 8 in a container (Testcontainers). Where no Docker engine is
 * reachable, JUnit reports the class as skipped ("disabledWithoutDocker") instead of failing; the
 * MariaDB run ({@link MySqlCompatibilityReportTest}) covers those machines. CI is one of them: its
 * machines have the Docker client only, and MySQL 8 is not a Debian package (Debian ships MariaDB).
 */
@Testcontainers(disabledWithoutDocker = true)
class MySql8ContainerTckTest extends ConnectorTck {
  @Container
  static final MySQLContainer<?> MYSQL =
      new MySQLContainer<>("mysql:8.4")
          .withDatabaseName("ck_test")
          .withUsername("ck")
          .withPassword("ck");

  @Override
  protected DataSource createDataSource() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("connector", "mysql");
    settings.put("host", MYSQL.getHost());
    settings.put("port", MYSQL.getMappedPort(MySQLContainer.MYSQL_PORT));
    settings.put("user", MYSQL.getUsername());
    settings.put("password", MYSQL.getPassword());
    settings.put("database", MYSQL.getDatabaseName());
    settings.put("connectionLimit", 4);
    return DataSources.create("mysql8", settings);
  }
}
