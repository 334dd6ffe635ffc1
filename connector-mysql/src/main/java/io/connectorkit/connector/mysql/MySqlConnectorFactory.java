package io.connectorkit.connector.mysql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.connector.sql.JdbcConnector;
import io.connectorkit.connector.sql.JdbcEndpoint;
import io.connectorkit.connector.sql.JdbcSettings;
import io.connectorkit.connector.sql.SslProperties;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

/**
 * Builds the {@code mysql} connector (MySQL 8, MariaDB 10.x): a {@code JdbcConnector} with {@link
 * MySqlDialect} and mysql-connector-j, on LoopBack's MySQL settings: {@code url} ({@code
 * mysql://user:password@host:port/database}) or {@code host}, {@code port}, {@code user}, {@code
 * password}, {@code database}; {@code connectionLimit}, {@code connectionTimeout}, {@code
 * validationTimeout}, {@code lockTimeout}, {@code createDatabase}, {@code lazyConnect}, {@code
 * ssl}, {@code sslMode}, {@code driverProperties}. See the module README.
 *
 * <p>Atomic upserts and findOrCreate (C3) run in a transaction that first takes an advisory lock
 * ({@code GET_LOCK}) named after the database and table, so two of them on one table never
 * interleave, across processes too.
 */
public final class MySqlConnectorFactory implements ConnectorFactory {
  static final String NAME = "mysql";

  private static final Set<Feature> FEATURES = withNestedProperties();

  /** The JDBC stack's features, and nested paths, which MariaDB's JSON functions push down. */
  private static Set<Feature> withNestedProperties() {
    Set<Feature> features = EnumSet.copyOf(JdbcConnector.FEATURES);
    features.add(Feature.NESTED_PROPERTIES);
    return Collections.unmodifiableSet(features);
  }

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
    JdbcSettings jdbc =
        JdbcSettings.read(
            settings,
            JdbcEndpoint.of(settings, 3306, "root", "mysql", "mariadb"),
            "mysql",
            MySqlConnectorFactory::driverProperties);
    return new JdbcConnector(NAME, settings, FEATURES, new MySqlDialect(), jdbc);
  }

  /** mysql-connector-j's properties: matched-row counts, statement caching, timeouts, SSL. */
  static Properties driverProperties(Settings settings, int connectionTimeout) {
    Properties properties = new Properties();
    // Found (matched) rows, not changed rows: updateAll counts matches (C3).
    properties.setProperty("useAffectedRows", "false");
    // Client-side prepared statements. Server-side ones (useServerPrepStmts) were faster on W2 and
    // W3 (docs/performance.md), but a statement whose server went silent then fails as a broken
    // link, not as a socket timeout, so queryTimeout could not be told from a lost connection
    // (MySqlFaultTest: TIMEOUT expected). Correct codes first.
    properties.setProperty("useServerPrepStmts", "false");
    properties.setProperty("cachePrepStmts", "true");
    properties.setProperty("prepStmtCacheSize", "250");
    properties.setProperty("prepStmtCacheSqlLimit", "2048");
    properties.setProperty("characterEncoding", "UTF-8");
    properties.setProperty("allowPublicKeyRetrieval", "true");
    properties.setProperty("connectTimeout", String.valueOf(connectionTimeout));
    // connectTimeout covers the TCP connect only; this bounds the handshake's reads too (C6).
    // Statements get their own bound on every borrow (queryTimeout, 0: none).
    properties.setProperty("socketTimeout", String.valueOf(connectionTimeout));
    SslProperties.apply(settings, properties, "sslMode", "VERIFY_CA", "REQUIRED");
    return properties;
  }
}
