package io.connectorkit.connector.mysql;

import io.connectorkit.connector.sql.JdbcClusterScenarios;
import java.nio.file.Path;
import java.util.List;

/** The cluster scenarios on a MariaDB primary with two GTID replicas (scripts/cluster.sh). */
class MySqlClusterTest extends JdbcClusterScenarios {
  @Override
  protected String cluster() {
    return "mysql";
  }

  @Override
  protected String connectorName() {
    return "mysql";
  }

  @Override
  protected Path serverBinary() {
    return Path.of("/usr/sbin/mariadbd");
  }

  @Override
  protected List<Integer> ports() {
    return List.of(3317, 3318, 3319);
  }

  @Override
  protected String url(int port, String database) {
    return "mysql://root@127.0.0.1:" + port + "/" + database;
  }

  @Override
  protected String adminJdbcUrl(int port) {
    return "jdbc:mysql://127.0.0.1:" + port + "/?user=root&password=";
  }

  @Override
  protected List<String> whoAmIViewSql() {
    // A view may not read a variable; a function may.
    return List.of(
        "DROP FUNCTION IF EXISTS ck_port",
        "CREATE FUNCTION ck_port() RETURNS INT NOT DETERMINISTIC NO SQL RETURN @@port",
        "CREATE VIEW ck_whoami AS SELECT ck_port() AS id");
  }

  @Override
  protected String pauseReplicationSql() {
    return "STOP SLAVE SQL_THREAD";
  }

  @Override
  protected String resumeReplicationSql() {
    return "START SLAVE SQL_THREAD";
  }
}
