/**
 * JDBC plumbing shared by SQL connectors (pooling, transactions, type mapping, migration and
 * discovery); exported for authors of SQL connectors.
 */
module io.connectorkit.connector.sql {
  requires transitive io.connectorkit.core;
  requires transitive java.sql;
  requires transitive com.zaxxer.hikari;
  requires org.slf4j;

  exports io.connectorkit.connector.sql;
}
