/** OpenTelemetry tracing for ConnectorKit datasources. */
module io.connectorkit.opentelemetry {
  requires transitive io.connectorkit.core;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;
  requires static okhttp3;

  exports io.connectorkit.opentelemetry;
}
