package io.connectorkit.connector.postgresql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.connector.sql.JdbcConnector;
import io.connectorkit.connector.sql.JdbcEndpoint;
import io.connectorkit.connector.sql.JdbcSettings;
import io.connectorkit.connector.sql.SslProperties;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import java.util.Properties;

/**
 * Builds the {@code postgresql} connector (PostgreSQL 12 and later): a {@code JdbcConnector} with
 * {@link PostgresDialect} and the PostgreSQL JDBC driver, on LoopBack's PostgreSQL settings: {@code
 * url} ({@code postgres://user:password@host:port/database}) or {@code host}, {@code port}, {@code
 * user}, {@code password}, {@code database}; {@code schema}, {@code connectionLimit}, {@code
 * connectionTimeout}, {@code validationTimeout}, {@code lockTimeout}, {@code createDatabase},
 * {@code lazyConnect}, {@code ssl}, {@code sslmode}, {@code driverProperties}. See the module
 * README.
 *
 * <p>Atomic upserts and findOrCreate (C3) run in a transaction that first takes a
 * transaction-scoped advisory lock keyed by the database, schema and table. Generated ids are
 * identity columns: an insert that chooses a generated id locks the table against other writers and
 * moves the identity past that id, so the next generated id is greater than every id present.
 */
public final class PostgresConnectorFactory implements ConnectorFactory {
  static final String NAME = "postgresql";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * @throws io.connectorkit.core.common.ConnectorException CONFIGURATION_INVALID naming a bad
   *     setting
   */
  @Override
  public Connector initialize(Settings settings) {
    requireNonNull(settings, "settings is null");
    return new JdbcConnector(
        NAME,
        settings,
        JdbcConnector.FEATURES,
        new PostgresDialect(!settings.bool("exactCaseNames", false)),
        read(settings));
  }

  /** The settings, read and checked once. */
  static JdbcSettings read(Settings settings) {
    return JdbcSettings.read(
        settings, endpoint(settings), "postgresql", PostgresConnectorFactory::driverProperties);
  }

  static JdbcEndpoint endpoint(Settings settings) {
    JdbcEndpoint endpoint = JdbcEndpoint.of(settings, 5432, "postgres", "postgres", "postgresql");
    // As psql: without a database, the one named like the user.
    return endpoint.database().isEmpty() ? endpoint.withDatabase(endpoint.user()) : endpoint;
  }

  /** pgjdbc's properties: untyped strings, no server-side statements, timeouts, SSL, schema. */
  static Properties driverProperties(Settings settings, int connectionTimeout) {
    Properties properties = new Properties();
    // Values bound with setString (dates among them) take the column's type, not varchar.
    properties.setProperty("stringtype", "unspecified");
    // pgjdbc's default prepareThreshold (5): a statement run that often on a connection becomes a
    // server-side prepared statement. Migration retires the pool's connections afterwards, so no
    // plan cached for a replaced table is used again (JdbcConnector#automigrate).
    properties.setProperty("ApplicationName", "connectorkit");
    int connectSeconds = Math.max(1, connectionTimeout / 1000);
    properties.setProperty("connectTimeout", String.valueOf(connectSeconds));
    properties.setProperty("loginTimeout", String.valueOf(connectSeconds));
    SslProperties.apply(settings, properties, "sslmode", "verify-full", "require");
    settings.string("schema").ifPresent(schema -> properties.setProperty("currentSchema", schema));
    return properties;
  }
}
