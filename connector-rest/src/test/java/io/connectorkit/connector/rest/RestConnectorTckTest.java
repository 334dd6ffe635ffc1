package io.connectorkit.connector.rest;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.tck.ConnectorTck;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The TCK through the REST connector (LoopBack 4 routes) against a LoopBack-style server backed by
 * the memory connector: every datasource gets its own server.
 */
class RestConnectorTckTest extends ConnectorTck {
  private final Map<DataSource, LoopBackServer> servers = new IdentityHashMap<>();

  /** The dialect of the server and the connector. */
  RestConfig.Dialect dialect() {
    return RestConfig.Dialect.LB4;
  }

  @Override
  protected synchronized DataSource createDataSource() {
    LoopBackServer server = LoopBackServer.start(dialect());
    DataSource db =
        DataSources.create(
            "tck",
            Map.of(
                "connector",
                "rest",
                "baseURL",
                server.baseUrl(),
                "api",
                dialect().name().toLowerCase(java.util.Locale.ROOT)));
    servers.put(db, server);
    return db;
  }

  /**
   * The model is defined, empty, on the server's memory datasource; the connector only names it.
   */
  @Override
  protected synchronized void reset(DataSource db, ModelDefinition model) {
    servers.get(db).define(model);
  }

  @AfterEach
  synchronized void stopServers() {
    List<LoopBackServer> started = new ArrayList<>(servers.values());
    servers.clear();
    started.forEach(LoopBackServer::close);
  }
}
