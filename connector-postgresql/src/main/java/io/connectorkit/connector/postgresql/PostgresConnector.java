package io.connectorkit.connector.postgresql;

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
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.sql.ParameterizedSql;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The PostgreSQL connector: {@link JdbcConnector} with {@link PostgresDialect} and the PostgreSQL
 * JDBC driver.
 *
 * <p>Atomic upserts and findOrCreate (C3): each runs in a transaction that first takes a
 * transaction-scoped advisory lock ({@code pg_advisory_xact_lock}) keyed by the database, schema
 * and table, reads, then writes; the lock ends with the transaction, so two such operations on one
 * table never interleave, across processes too.
 *
 * <p>Generated ids are identity columns. An insert that chooses a generated id itself locks the
 * table against other writers and moves the identity sequence past that id, so the next generated
 * id is greater than every id present (C1.2).
 */
final class PostgresConnector extends JdbcConnector {
  static final String NAME = "postgresql";

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
              Feature.NUMERIC_IDS));

  private final PostgresDialect dialect;
  private final JdbcEndpoint endpoint;

  /** Where to connect, from {@code url} or the discrete settings. */
  PostgresConnector(Settings settings) {
    this(settings, new PostgresDialect());
  }

  private PostgresConnector(Settings settings, PostgresDialect dialect) {
    super(NAME, settings, dialect);
    this.dialect = dialect;
    this.endpoint = endpoint(settings);
    settings.integer("connectionLimit", 10);
    settings.integer("connectionTimeout", 10_000);
    settings.integer("validationTimeout", 5_000);
    settings.integer("lockTimeout", 30_000);
    settings.bool("createDatabase", false);
    settings.bool("lazyConnect", false);
    settings.string("schema");
  }

  @Override
  public Set<Feature> features() {
    return FEATURES;
  }

  // ---------------------------------------------------------------- settings (C1.1)

  static JdbcEndpoint endpoint(Settings settings) {
    JdbcEndpoint endpoint = JdbcEndpoint.of(settings, 5432, "postgres", "postgres", "postgresql");
    // As psql: without a database, the one named like the user.
    return endpoint.database().isEmpty() ? endpoint.withDatabase(endpoint.user()) : endpoint;
  }

  @Override
  protected DiscoveryCatalog discoveryCatalog() {
    return new PostgresDiscoveryCatalog();
  }

  @Override
  protected JdbcEndpoint endpoint() {
    return endpoint;
  }

  @Override
  protected String jdbcUrl(String database) {
    return endpoint.jdbcUrl("postgresql", database);
  }

  @Override
  protected Properties backendProperties() {
    Properties properties = new Properties();
    // Values bound with setString (dates among them) take the column's type, not varchar.
    properties.setProperty("stringtype", "unspecified");
    // No server-side prepared statements: a plan cached before automigrate replaced a table
    // would fail with "cached plan must not change result type".
    properties.setProperty("prepareThreshold", "0");
    properties.setProperty("ApplicationName", "connectorkit");
    int connectSeconds = Math.max(1, settings().integer("connectionTimeout", 10_000) / 1000);
    properties.setProperty("connectTimeout", String.valueOf(connectSeconds));
    properties.setProperty("loginTimeout", String.valueOf(connectSeconds));
    Object ssl = settings().get("ssl");
    if (ssl instanceof Map<?, ?> options) {
      Object reject = options.get("rejectUnauthorized");
      properties.setProperty("sslmode", Boolean.FALSE.equals(reject) ? "require" : "verify-full");
      options.forEach(
          (k, v) -> {
            if (!"rejectUnauthorized".equals(k) && v != null) {
              properties.setProperty(String.valueOf(k), String.valueOf(v));
            }
          });
    } else if (Boolean.TRUE.equals(ssl) || "true".equals(ssl)) {
      properties.setProperty("sslmode", "require");
    }
    settings().string("sslmode").ifPresent(mode -> properties.setProperty("sslmode", mode));
    settings()
        .string("schema")
        .ifPresent(schema -> properties.setProperty("currentSchema", schema));
    return properties;
  }

  /** {@code createDatabase}: creates the database through the maintenance database when absent. */
  @Override
  protected void beforePoolStart() {
    if (!settings().bool("createDatabase", false) || endpoint.database().isEmpty()) {
      return;
    }
    Properties properties = driverProperties();
    properties.remove("currentSchema");
    properties.setProperty("user", endpoint.user());
    properties.setProperty("password", endpoint.password());
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), properties);
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, endpoint.database());
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE DATABASE "
                + dialect.quoteIdentifier(endpoint.database())
                + " ENCODING 'UTF8' TEMPLATE template0");
      } catch (SQLException e) {
        // 42P04: another process created it meanwhile.
        if (!"42P04".equals(e.getSQLState())) {
          throw e;
        }
      }
    } catch (SQLException e) {
      throw translate(e, null, "createDatabase");
    }
  }

  // ---------------------------------------------------------------- inserts

  /**
   * {@inheritDoc} With a generated numeric id, {@code RETURNING} it: the driver's generated keys
   * would return every column, in table order.
   */
  @Override
  protected List<Object> executeInsert(
      ModelDefinition model, ParameterizedSql sql, Options options) {
    PropertyDefinition generated = generatedId(model);
    if (generated == null || generated.type().kind() != PropertyType.Kind.NUMBER) {
      executeUpdate(model, sql, options);
      return List.of();
    }
    ParameterizedSql returning =
        sql.append(ParameterizedSql.text(" RETURNING " + quotedColumn(generated)));
    return run(
        model.name(),
        returning,
        options,
        "create",
        (connection, statement) -> {
          try (PreparedStatement prepared = prepare(connection, statement, false);
              ResultSet rs = prepared.executeQuery()) {
            List<Long> keys = new ArrayList<>();
            while (rs.next()) {
              long key = rs.getLong(1);
              if (!rs.wasNull()) {
                keys.add(key);
              }
            }
            // Identity values are drawn row by row in VALUES order: ascending is input order.
            Collections.sort(keys);
            return new ArrayList<Object>(keys);
          }
        });
  }

  /**
   * {@inheritDoc} Rows that choose a generated numeric id are inserted while the table is locked
   * against other writers, and the identity sequence then moves past the largest chosen id (an
   * identity column does not follow explicit values by itself).
   */
  @Override
  protected List<Map<String, Object>> insertRows(
      ModelDefinition model, List<Map<String, Object>> rows, Options options) {
    requireNonNull(options, "options is null");
    PropertyDefinition generated = generatedId(model);
    if (generated == null
        || generated.type().kind() != PropertyType.Kind.NUMBER
        || rows.stream().noneMatch(r -> r.get(generated.name()) != null)) {
      return super.insertRows(model, rows, options);
    }
    return atomically(
        options,
        tx -> {
          lockForChosenIds(model, tx);
          List<Map<String, Object>> stored = super.insertRows(model, rows, tx);
          advanceIdentity(model, generated, stored, tx);
          return stored;
        });
  }

  /**
   * Locks the table against other writers until the transaction ends, so that no identity value is
   * drawn between an insert with a chosen id and {@link #advanceIdentity}.
   */
  private void lockForChosenIds(ModelDefinition model, Options tx) {
    executeUpdate(
        model,
        ParameterizedSql.text("LOCK TABLE " + quotedTable(model) + " IN SHARE ROW EXCLUSIVE MODE"),
        tx);
  }

  /** Moves the identity sequence past the largest id in {@code stored}; never backwards. */
  private void advanceIdentity(
      ModelDefinition model,
      PropertyDefinition generated,
      List<Map<String, Object>> stored,
      Options tx) {
    long highest = 0;
    for (Map<String, Object> row : stored) {
      if (row.get(generated.name()) instanceof Number n) {
        highest = Math.max(highest, (long) Math.floor(n.doubleValue()));
      }
    }
    if (highest < 1) {
      return;
    }
    executeScalar(
        model,
        ParameterizedSql.of(
            "SELECT setval(s, GREATEST(?, COALESCE(pg_sequence_last_value(s), 0)))"
                + " FROM (SELECT pg_get_serial_sequence(?, ?)::regclass AS s) q"
                + " WHERE s IS NOT NULL",
            highest,
            quotedTable(model),
            columnName(generated)),
        tx);
  }

  // ---------------------------------------------------------------- atomic upserts (C3)

  /** Runs {@code work} in a transaction holding the table's advisory lock. */
  @Override
  protected <T> T locked(ModelDefinition model, Options options, Function<Options, T> work) {
    boolean own = transactionOf(options) == null;
    return atomically(
        options,
        tx -> {
          if (own) {
            // Only in a transaction of our own: SET LOCAL would outlive this call in the caller's.
            executeScalar(
                model,
                ParameterizedSql.of(
                    "SELECT 1 FROM (SELECT set_config('lock_timeout', ?, true)) q",
                    settings().integer("lockTimeout", 30_000) + "ms"),
                tx);
          }
          executeScalar(
              model,
              ParameterizedSql.of(
                  "SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) q", lockKey(model)),
              tx);
          return work.apply(tx);
        });
  }

  /** A 64-bit key for the table: the first 8 bytes of a SHA-256 of its qualified name. */
  private long lockKey(ModelDefinition model) {
    String name =
        "connectorkit:"
            + endpoint.database()
            + "."
            + settings().string("schema", "")
            + "."
            + tableName(model);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(hash).getLong();
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

  /** How often an upsert retries after losing the race to create the record. */
  private static final int UPSERT_ATTEMPTS = 16;

  /**
   * Row-level, not table-level: {@code SELECT … FOR UPDATE} locks the record when it exists (then
   * it is patched or replaced); when it does not, {@code INSERT … ON CONFLICT DO NOTHING} creates
   * it, and if a concurrent call created it first (the insert then waits for that transaction and
   * inserts nothing) the lookup runs again and patches that record. Only one record is ever created
   * for an id, and calls on different ids do not wait for each other.
   */
  private UpsertResult upsertById(
      ModelDefinition model, Object id, UpsertData data, Options options, boolean replace) {
    requireNonNull(data, "data is null");
    if (id == null) {
      return new UpsertResult(create(model, data.forCreate(), options), true);
    }
    Where byId = idWhere(model, id);
    PropertyDefinition generated = generatedId(model);
    boolean mayChooseGenerated =
        generated != null
            && generated.type().kind() == PropertyType.Kind.NUMBER
            && !model.isForceId();
    return atomically(
        options,
        tx -> {
          if (mayChooseGenerated) {
            // Before any row lock: taking the table lock later, while holding a row lock that a
            // patching upsert waits on (and it holding the row exclusive lock we wait on), would
            // deadlock. Such upserts on one table therefore run one at a time.
            lockForChosenIds(model, tx);
          }
          for (int attempt = 0; attempt < UPSERT_ATTEMPTS; attempt++) {
            ParameterizedSql lookup =
                ParameterizedSql.text(
                        "SELECT "
                            + String.join(
                                ", ",
                                model.idProperties().stream().map(this::quotedColumn).toList())
                            + " FROM "
                            + quotedTable(model))
                    .append(whereClause(model, byId))
                    .append(ParameterizedSql.text(" FOR UPDATE"));
            if (!executeQuery(model, model.idProperties(), lookup, tx).isEmpty()) {
              Map<String, Object> written =
                  replace
                      ? replaceById(model, id, data.patch(), tx)
                      : updateAttributes(model, id, data.patch(), tx);
              return new UpsertResult(written, false);
            }
            Map<String, Object> created = insertIfAbsent(model, data.forCreate(), tx);
            if (created != null) {
              return new UpsertResult(created, true);
            }
          }
          throw new ConnectorException(
              ErrorCode.BACKEND_ERROR,
              "upsert of "
                  + model.name()
                  + " with id "
                  + id
                  + " lost "
                  + UPSERT_ATTEMPTS
                  + " races in a row against concurrent deletes");
        });
  }

  /**
   * Inserts a row unless one with its id exists ({@code ON CONFLICT (id) DO NOTHING}); the row as
   * stored, or null when the id was taken. A chosen value for a generated id moves the identity
   * past it, under the table lock of {@link #insertRows}.
   */
  private Map<String, Object> insertIfAbsent(
      ModelDefinition model, Map<String, Object> row, Options tx) {
    PropertyDefinition generated = generatedId(model);
    boolean chosenGenerated =
        generated != null
            && generated.type().kind() == PropertyType.Kind.NUMBER
            && row.get(generated.name()) != null;
    if (chosenGenerated) {
      lockForChosenIds(model, tx);
    }
    Map<String, Object> insert = row;
    if (generated != null && row.containsKey(generated.name()) && !chosenGenerated) {
      insert = new LinkedHashMap<>(row);
      insert.remove(generated.name());
    }
    List<PropertyDefinition> ids = model.idProperties();
    ParameterizedSql sql =
        insertSql(model, List.of(insert))
            .append(
                ParameterizedSql.text(
                    " ON CONFLICT ("
                        + String.join(", ", ids.stream().map(this::quotedColumn).toList())
                        + ") DO NOTHING RETURNING "
                        + quotedColumn(ids.get(0))));
    List<Map<String, Object>> returned = executeQuery(model, List.of(ids.get(0)), sql, tx);
    if (returned.isEmpty()) {
      return null;
    }
    Map<String, Object> stored = stored(model, row);
    if (generated != null && stored.get(generated.name()) == null) {
      stored.put(generated.name(), returned.get(0).get(ids.get(0).name()));
    }
    if (chosenGenerated) {
      advanceIdentity(model, generated, List.of(stored), tx);
    }
    return stored;
  }
}
