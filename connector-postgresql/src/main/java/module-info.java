/**
 * The PostgreSQL connector; reached only through its {@code ConnectorFactory}. The JDBC driver
 * (pgjdbc) is found at run time by HikariCP.
 */
module io.connectorkit.connector.postgresql {
  requires io.connectorkit.connector.sql;
  requires org.slf4j;

  provides io.connectorkit.core.spi.ConnectorFactory with
      io.connectorkit.connector.postgresql.PostgresConnectorFactory;
}
