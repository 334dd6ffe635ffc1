package io.connectorkit.connector.mysql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.connector.sql.DiscoveryCatalog;
import io.connectorkit.connector.sql.JdbcConnector;
import io.connectorkit.connector.sql.JdbcEndpoint;
import io.connectorkit.core.ConnectorException;
import io.connectorkit.core.ErrorCode;
import io.connectorkit.core.Feature;
import io.connectorkit.core.Options;
import io.connectorkit.core.Settings;
import io.connectorkit.core.UpsertData;
import io.connectorkit.core.UpsertResult;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.sql.ParameterizedSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The MySQL / MariaDB connector: {@link JdbcConnector} with {@link MySqlDialect} and
 * mysql-connector-j.
 *
 * <p>Atomic upserts and findOrCreate (C3): each runs in a transaction that first takes an advisory
 * lock ({@code GET_LOCK}) named after the database and table, reads, then writes, commits and only
 * then releases the lock. Two such operations on one table never interleave, across processes too,
 * so N concurrent calls with the same new id or filter create exactly one record.
 */
final class MySqlConnector extends JdbcConnector {
  static final String NAME = "mysql";

  private static final Set<Feature> FEATURES =
      Collections.unmodifiableSet(
          EnumSet.of(
              Feature.CRUD,
              Feature.BATCH_CREATE,
              Feature.ATOMIC_UPSERT,
              Feature.ATOMIC_FIND_OR_CREATE,
              Feature.TRANSACTIONS,
              Feature.MIGRATION,
              Feature.DISCOVERY,
              Feature.EXECUTE,
              Feature.NUMERIC_IDS,
              Feature.NESTED_PROPERTIES));

  private final MySqlDialect dialect;
  private final JdbcEndpoint endpoint;

  /** Where to connect, from {@code url} or the discrete settings. */
  MySqlConnector(Settings settings) {
    this(settings, new MySqlDialect());
  }

  private MySqlConnector(Settings settings, MySqlDialect dialect) {
    super(NAME, settings, dialect);
    this.dialect = dialect;
    this.endpoint = JdbcEndpoint.of(settings, 3306, "root", "mysql", "mariadb");
    settings.integer("connectionLimit", 10);
    settings.integer("connectionTimeout", 10_000);
    settings.integer("validationTimeout", 5_000);
    settings.bool("createDatabase", false);
    settings.bool("lazyConnect", false);
  }

  @Override
  public Set<Feature> features() {
    return FEATURES;
  }

  // ---------------------------------------------------------------- settings (C1.1)

  @Override
  protected DiscoveryCatalog discoveryCatalog() {
    return new MySqlDiscoveryCatalog();
  }

  @Override
  protected JdbcEndpoint endpoint() {
    return endpoint;
  }

  @Override
  protected String jdbcUrl(String database) {
    return endpoint.jdbcUrl("mysql", database);
  }

  @Override
  protected Properties backendProperties() {
    Properties properties = new Properties();
    // Found (matched) rows, not changed rows: updateAll counts matches (C3).
    properties.setProperty("useAffectedRows", "false");
    properties.setProperty("cachePrepStmts", "true");
    properties.setProperty("prepStmtCacheSize", "250");
    properties.setProperty("prepStmtCacheSqlLimit", "2048");
    properties.setProperty("characterEncoding", "UTF-8");
    properties.setProperty("allowPublicKeyRetrieval", "true");
    properties.setProperty(
        "connectTimeout", String.valueOf(settings().integer("connectionTimeout", 10_000)));
    Object ssl = settings().get("ssl");
    if (ssl instanceof Map<?, ?> options) {
      Object reject = options.get("rejectUnauthorized");
      properties.setProperty("sslMode", Boolean.FALSE.equals(reject) ? "REQUIRED" : "VERIFY_CA");
      options.forEach(
          (k, v) -> {
            if (!"rejectUnauthorized".equals(k) && v != null) {
              properties.setProperty(String.valueOf(k), String.valueOf(v));
            }
          });
    } else if (Boolean.TRUE.equals(ssl) || "true".equals(ssl)) {
      properties.setProperty("sslMode", "REQUIRED");
    }
    settings().string("sslMode").ifPresent(mode -> properties.setProperty("sslMode", mode));
    return properties;
  }

  @Override
  protected void beforePoolStart() {
    if (!settings().bool("createDatabase", false) || endpoint.database().isEmpty()) {
      return;
    }
    Properties properties = driverProperties();
    properties.setProperty("user", endpoint.user());
    properties.setProperty("password", endpoint.password());
    try (Connection connection = DriverManager.getConnection(jdbcUrl(""), properties);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE DATABASE IF NOT EXISTS "
              + dialect.quoteIdentifier(endpoint.database())
              + " CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw translate(e, null, "createDatabase");
    }
  }

  @Override
  protected void afterPoolStart(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
      String version = rs.next() ? rs.getString(1) : "";
      dialect.useServer(version.contains("MariaDB"));
    }
  }

  // ---------------------------------------------------------------- atomic upserts (C3)

  /** Runs {@code work} in a transaction holding the table's advisory lock. */
  @Override
  protected <T> T locked(ModelDefinition model, Options options, Function<Options, T> work) {
    return atomically(
        options,
        tx -> {
          String lock = lockName(model);
          int seconds = Math.max(1, settings().integer("lockTimeout", 30_000) / 1000);
          Long granted =
              run(
                  model.name(),
                  ParameterizedSql.of("SELECT GET_LOCK(?, ?)", lock, seconds),
                  tx,
                  "lock",
                  (connection, statement) -> {
                    try (PreparedStatement prepared = prepare(connection, statement, false);
                        ResultSet rs = prepared.executeQuery()) {
                      rs.next();
                      long value = rs.getLong(1);
                      return rs.wasNull() ? null : value;
                    }
                  });
          if (granted == null || granted != 1) {
            throw new ConnectorException(
                ErrorCode.TIMEOUT,
                "could not lock " + model.name() + " within " + seconds + " s for an atomic write");
          }
          return work.apply(tx);
        });
  }

  /** At most 64 characters, as GET_LOCK requires. */
  private String lockName(ModelDefinition model) {
    String name = "connectorkit:" + endpoint.database() + "." + tableName(model);
    if (name.length() <= 64) {
      return name;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return "connectorkit:" + HexFormat.of().formatHex(hash, 0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public UpsertResult updateOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    return upsertById(model, id, data, options, false);
  }

  @Override
  public UpsertResult replaceOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    return upsertById(model, id, data, options, true);
  }

  private UpsertResult upsertById(
      ModelDefinition model, Object id, UpsertData data, Options options, boolean replace) {
    requireNonNull(data, "data is null");
    if (id == null) {
      return new UpsertResult(create(model, data.forCreate(), options), true);
    }
    return locked(
        model,
        options,
        tx -> {
          if (findById(model, id, tx) == null) {
            return new UpsertResult(create(model, data.forCreate(), tx), true);
          }
          Map<String, Object> written =
              replace
                  ? replaceById(model, id, data.patch(), tx)
                  : updateAttributes(model, id, data.patch(), tx);
          return new UpsertResult(written, false);
        });
  }
}
