package io.connectorkit.connector.rest;

/**
 * The TCK's CRUD sections through the REST connector ({@code "api": "lb4"}) against a real LoopBack
 * 4 server ({@code @loopback/rest} with {@code @loopback/rest-crud} controllers over
 * {@code @loopback/repository}'s memory datasource).
 */
class RestLoopBack4TckTest extends LoopBackServerTck {
  @Override
  LoopBackNodeServer.Version version() {
    return LoopBackNodeServer.Version.LB4;
  }
}
