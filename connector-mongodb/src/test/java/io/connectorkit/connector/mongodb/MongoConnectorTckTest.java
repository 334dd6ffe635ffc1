package io.connectorkit.connector.mongodb;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.tck.ConnectorTck;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole TCK against mongo-java-server started in-process on 127.0.0.1 (one server for the
 * class). mongo-java-server has no transactions, so the connector does not declare them and the TCK
 * checks that {@code beginTransaction} fails with UNSUPPORTED_OPERATION.
 */
class MongoConnectorTckTest extends ConnectorTck {
  private static MongoServer server;
  private static String url;

  static synchronized String url() {
    if (server == null) {
      server = new MongoServer(new MemoryBackend());
      server.bind("127.0.0.1", 0);
      InetSocketAddress address = server.getLocalAddress();
      url = "mongodb://127.0.0.1:" + address.getPort() + "/tck";
    }
    return url;
  }

  @AfterAll
  static synchronized void stopServer() {
    if (server != null) {
      server.shutdownNow();
      server = null;
    }
  }

  @Override
  protected DataSource createDataSource() {
    return DataSources.create("tck", Map.of("connector", "mongodb", "url", url()));
  }
}
