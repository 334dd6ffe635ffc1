/**
 * The MySQL / MariaDB connector; reached only through its {@code ConnectorFactory}. The JDBC driver
 * (mysql-connector-j) is found at run time by HikariCP.
 */
module io.connectorkit.connector.mysql {
  requires io.connectorkit.connector.sql;
  requires org.slf4j;

  provides io.connectorkit.core.spi.ConnectorFactory with
      io.connectorkit.connector.mysql.MySqlConnectorFactory;
}
