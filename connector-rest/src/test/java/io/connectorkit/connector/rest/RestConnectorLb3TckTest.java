package io.connectorkit.connector.rest;

/** The TCK through the REST connector with the LoopBack 3 routes ({@code "api": "lb3"}). */
class RestConnectorLb3TckTest extends RestConnectorTckTest {
  @Override
  RestConfig.Dialect dialect() {
    return RestConfig.Dialect.LB3;
  }
}
