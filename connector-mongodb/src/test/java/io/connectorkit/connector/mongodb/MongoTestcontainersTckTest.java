package io.connectorkit.connector.mongodb;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.tck.ConnectorTck;
import java.util.Map;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The whole TCK against MongoDB 7 in a Testcontainers container. {@link MongoDBContainer} starts a
 * single-node replica set, so the connector detects transactions and the TCK checks TRANSACTIONS
 * for behaviour. Reported as skipped where there is no Docker engine, as in CI (the machines have
 * the Docker client only); there, {@link MongoCompatibilityReportTest} runs the whole TCK against
 * the in-process mongo-java-server.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoTestcontainersTckTest extends ConnectorTck {
  @Container private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

  @Override
  protected DataSource createDataSource() {
    return DataSources.create(
        "tck", Map.of("connector", "mongodb", "url", MONGO.getReplicaSetUrl("cktck")));
  }
}
