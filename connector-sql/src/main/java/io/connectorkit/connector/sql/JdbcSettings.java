package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;

/**
 * The settings of a JDBC connector, read, checked and defaulted once, in its factory: where to
 * connect, the pool, the lock timeout of atomic writes, and every driver property.
 *
 * @param endpoint where to connect; its password is never printed
 * @param subprotocol the JDBC URL's subprotocol, e.g. {@code mysql}
 * @param connectionLimit the pool's size, 1 to 1000 (default 10)
 * @param connectionTimeout ms to wait for a connection, 250 to 2^31-1 (default 10,000; HikariCP
 *     silently replaces anything shorter than 250)
 * @param validationTimeout ms a connection check may take, 250 to 2^31-1 (default 5,000)
 * @param lockTimeout ms an atomic write waits for its lock, 1 to 2^31-1 (default 30,000)
 * @param createDatabase whether to create the database before the pool opens (default false)
 * @param schema the schema to work in, empty for the connection's default
 * @param driverProperties the backend's properties, then the url's query parameters, then the
 *     {@code driverProperties} setting (later ones win); without the credentials
 */
public record JdbcSettings(
    JdbcEndpoint endpoint,
    String subprotocol,
    int connectionLimit,
    int connectionTimeout,
    int validationTimeout,
    int lockTimeout,
    boolean createDatabase,
    String schema,
    Map<String, String> driverProperties) {

  /** The defaults and ranges, stated once. */
  static final int DEFAULT_CONNECTION_LIMIT = 10;

  static final int DEFAULT_CONNECTION_TIMEOUT = 10_000;
  static final int DEFAULT_VALIDATION_TIMEOUT = 5_000;
  static final int DEFAULT_LOCK_TIMEOUT = 30_000;

  /**
   * @throws NullPointerException for a null component
   */
  public JdbcSettings {
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(subprotocol, "subprotocol is null");
    requireNonNull(schema, "schema is null");
    driverProperties =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(driverProperties, "driverProperties is null")));
  }

  /**
   * Reads the settings every JDBC connector shares, then the backend's driver properties.
   *
   * @param endpoint where to connect, as the backend reads it ({@link JdbcEndpoint#of})
   * @param backendProperties the backend's own driver properties from the settings and the
   *     connection timeout in ms (timeouts, SSL, statement caching); may throw
   *     CONFIGURATION_INVALID
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} naming the key and its
   *     allowed range, for a value of the wrong type or out of range
   */
  public static JdbcSettings read(
      Settings settings,
      JdbcEndpoint endpoint,
      String subprotocol,
      BiFunction<Settings, Integer, Properties> backendProperties) {
    requireNonNull(settings, "settings is null");
    requireNonNull(backendProperties, "backendProperties is null");
    int max = Integer.MAX_VALUE;
    int connectionTimeout =
        settings.integer("connectionTimeout", DEFAULT_CONNECTION_TIMEOUT, 250, max);
    // Read for the check only: the core reads it again when it opens the datasource.
    settings.bool("lazyConnect", false);
    Map<String, String> driver = new LinkedHashMap<>();
    backendProperties
        .apply(settings, connectionTimeout)
        .forEach((k, v) -> driver.put(String.valueOf(k), String.valueOf(v)));
    driver.putAll(endpoint.query());
    settings.object("driverProperties").forEach((k, v) -> driver.put(k, String.valueOf(v)));
    return new JdbcSettings(
        endpoint,
        subprotocol,
        settings.integer("connectionLimit", DEFAULT_CONNECTION_LIMIT, 1, 1000),
        connectionTimeout,
        settings.integer("validationTimeout", DEFAULT_VALIDATION_TIMEOUT, 250, max),
        settings.integer("lockTimeout", DEFAULT_LOCK_TIMEOUT, 1, max),
        settings.bool("createDatabase", false),
        settings.string("schema", ""),
        driver);
  }

  /** The JDBC URL of a database on the endpoint; an empty name for none. */
  public String jdbcUrl(String database) {
    return endpoint.jdbcUrl(subprotocol, database);
  }

  /** The driver properties as {@link Properties}, a fresh copy. */
  public Properties properties() {
    Properties properties = new Properties();
    properties.putAll(driverProperties);
    return properties;
  }

  /** The settings without secrets: the endpoint masks its password; driver properties by key. */
  @Override
  public String toString() {
    return "JdbcSettings[endpoint="
        + endpoint
        + ", connectionLimit="
        + connectionLimit
        + ", connectionTimeout="
        + connectionTimeout
        + ", validationTimeout="
        + validationTimeout
        + ", lockTimeout="
        + lockTimeout
        + ", createDatabase="
        + createDatabase
        + ", schema="
        + schema
        + ", driverProperties="
        + driverProperties.keySet()
        + "]";
  }
}
