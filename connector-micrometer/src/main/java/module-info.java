/** Micrometer metrics for ConnectorKit datasources: a {@code MeterBinder}. */
module io.connectorkit.micrometer {
  requires transitive io.connectorkit.core;
  requires transitive micrometer.core;
  requires static io.connectorkit.connector.sql;
  requires static com.zaxxer.hikari;

  exports io.connectorkit.micrometer;
}
