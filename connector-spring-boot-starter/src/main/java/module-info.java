/**
 * The ConnectorKit Spring Boot starter: auto-configuration of datasources, repositories,
 * transactions, metrics, tracing and health. Spring's jars are automatic modules.
 */
module io.connectorkit.spring {
  requires transitive io.connectorkit.core;
  requires spring.beans;
  requires spring.boot;
  requires spring.boot.autoconfigure;
  requires spring.context;
  requires spring.core;
  requires spring.tx;
  requires static spring.boot.actuator;
  requires static spring.boot.actuator.autoconfigure;
  requires static io.connectorkit.micrometer;
  requires static micrometer.core;
  requires static io.connectorkit.opentelemetry;
  requires static io.opentelemetry.api;

  exports io.connectorkit.spring;

  // Spring creates the package-private beans and reads the configuration classes reflectively.
  opens io.connectorkit.spring to
      spring.core,
      spring.beans,
      spring.context;
}
