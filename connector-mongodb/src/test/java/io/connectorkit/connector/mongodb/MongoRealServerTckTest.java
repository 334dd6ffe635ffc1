package io.connectorkit.connector.mongodb;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.tck.ConnectorTck;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The whole TCK against a real MongoDB named by {@code CK_MONGODB_URL} (e.g. {@code
 * mongodb://127.0.0.1:27017/cktck}). Against a replica set (or mongos) the connector detects
 * transactions and the TCK checks TRANSACTIONS for behaviour; against a standalone server it checks
 * that they are refused. Skipped where the variable is not set.
 *
 * <p>Why it is skipped in CI: there is no mongod there (not a Debian package; its binaries come
 * only from mongodb.org, which CI's network does not reach). There, {@link
 * MongoCompatibilityReportTest} runs the whole TCK against the in-process mongo-java-server.
 */
@EnabledIfEnvironmentVariable(
    named = "CK_MONGODB_URL",
    matches = ".+",
    disabledReason = "set CK_MONGODB_URL to a MongoDB connection string to run the TCK against it")
class MongoRealServerTckTest extends ConnectorTck {
  @Override
  protected DataSource createDataSource() {
    return DataSources.create(
        "tck", Map.of("connector", "mongodb", "url", System.getenv("CK_MONGODB_URL")));
  }
}
