package io.connectorkit.connector.rest;

/**
 * The TCK's CRUD sections through the REST connector ({@code "api": "lb3"}) against a real LoopBack
 * 3 server ({@code loopback} 3.x booted by {@code loopback-boot}, memory datasource).
 */
class RestLoopBack3TckTest extends LoopBackServerTck {
  @Override
  LoopBackNodeServer.Version version() {
    return LoopBackNodeServer.Version.LB3;
  }
}
