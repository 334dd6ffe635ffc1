package io.connectorkit.connector.mongodb;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** One in-process mongo-java-server on 127.0.0.1 and a random port, per test class. */
final class MongoServerFixture implements AutoCloseable {
  private final MongoServer server = new MongoServer(new MemoryBackend());
  private final String url;

  MongoServerFixture(String database) {
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    url = "mongodb://127.0.0.1:" + address.getPort() + "/" + database;
  }

  String url() {
    return url;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
