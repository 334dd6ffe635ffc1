package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.connectorkit.core.ConnectorException;
import io.connectorkit.core.ErrorCode;
import io.connectorkit.core.IsolationLevel;
import io.connectorkit.core.Options;
import io.connectorkit.core.Settings;
import io.connectorkit.core.Transaction;
import io.connectorkit.core.UpsertData;
import io.connectorkit.core.UpsertResult;
import io.connectorkit.core.dao.Dao;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.sql.ParameterizedSql;
import io.connectorkit.core.sql.SqlConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SqlConnector} over JDBC: a HikariCP pool, statement execution with C2 type mapping,
 * transactions (C8) on pooled connections, error mapping to contract codes (C5), and the migration
 * and discovery engines, which a {@link JdbcDialect} parameterises.
 *
 * <p>Settings read here: {@code connectionLimit} (pool size, default 10), {@code connectionTimeout}
 * (ms to wait for a connection, default 10000), {@code validationTimeout} (ms, default 5000). A
 * subclass supplies the endpoint, the JDBC URL and its driver properties ({@link #poolConfig()}).
 *
 * <p>Connector hooks (C9): the native request of every statement is its {@link ParameterizedSql}; a
 * listener may replace it.
 */
public abstract class JdbcConnector extends SqlConnector {
  private static final Logger log = LoggerFactory.getLogger(JdbcConnector.class);

  private final JdbcDialect dialect;
  private final Map<String, Map<String, String>> collations = new ConcurrentHashMap<>();
  private volatile HikariDataSource pool;

  protected JdbcConnector(String name, Settings settings, JdbcDialect dialect) {
    super(name, settings, dialect);
    this.dialect = dialect;
  }

  public final JdbcDialect jdbcDialect() {
    return dialect;
  }

  /** Where the pool connects, read once from the settings ({@link JdbcEndpoint#of}); never null. */
  protected abstract JdbcEndpoint endpoint();

  /** The JDBC URL of {@code database} on {@link #endpoint()}; an empty name for none. */
  protected abstract String jdbcUrl(String database);

  /** The backend's own driver properties: timeouts, SSL, statement caching; never null. */
  protected abstract Properties backendProperties();

  /**
   * Every driver property of a connection, without the credentials: {@link #backendProperties()},
   * then the url's query parameters and the {@code driverProperties} setting, which win.
   */
  protected final Properties driverProperties() {
    Properties properties = backendProperties();
    endpoint().query().forEach(properties::setProperty);
    settings()
        .object("driverProperties")
        .forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
    return properties;
  }

  /**
   * The pool configuration: the endpoint's database URL, its credentials and {@link
   * #driverProperties()}. Pool size and timeouts are applied from the settings afterwards.
   */
  protected HikariConfig poolConfig() {
    JdbcEndpoint endpoint = endpoint();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl(endpoint.database()));
    config.setUsername(endpoint.user());
    config.setPassword(endpoint.password());
    config.setDataSourceProperties(driverProperties());
    return config;
  }

  /** Runs once before the pool opens (e.g. to create the database). */
  protected void beforePoolStart() {}

  /** Runs once on the first connection of a new pool (e.g. to detect the server flavour). */
  protected void afterPoolStart(Connection connection) throws SQLException {}

  // ---------------------------------------------------------------- lifecycle (C6)

  @Override
  protected void doConnect() {
    beforePoolStart();
    HikariConfig config = poolConfig();
    config.setMaximumPoolSize(settings().integer("connectionLimit", 10));
    config.setMinimumIdle(Math.min(1, config.getMaximumPoolSize()));
    config.setConnectionTimeout(settings().integer("connectionTimeout", 10_000));
    config.setValidationTimeout(settings().integer("validationTimeout", 5_000));
    config.setPoolName("connectorkit-" + name());
    // Fail at connect, with the cause, rather than at the first query.
    config.setInitializationFailTimeout(1);
    try {
      HikariDataSource opened = new HikariDataSource(config);
      try (Connection connection = opened.getConnection()) {
        afterPoolStart(connection);
      }
      pool = opened;
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() instanceof SQLException sql ? sql : e;
      throw new ConnectorException(
          ErrorCode.CONNECTION_FAILED,
          name()
              + ": cannot connect to "
              + Settings.maskUrl(config.getJdbcUrl())
              + ": "
              + message(cause),
          cause);
    } catch (SQLException e) {
      throw translate(e, null, "connect");
    }
  }

  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return e.getMessage() + (root != e ? " (" + root.getMessage() + ")" : "");
  }

  @Override
  protected void doDisconnect() {
    HikariDataSource closing = pool;
    pool = null;
    if (closing != null) {
      closing.close();
    }
  }

  @Override
  public boolean ping() {
    connect();
    try (Connection connection = borrow()) {
      if (!connection.isValid(Math.max(1, settings().integer("validationTimeout", 5_000) / 1000))) {
        throw new ConnectorException(ErrorCode.CONNECTION_FAILED, name() + ": ping failed");
      }
      return true;
    } catch (SQLException e) {
      throw translate(e, null, "ping");
    }
  }

  /** A pooled connection in auto-commit mode; the caller closes it. */
  protected final Connection borrow() throws SQLException {
    connect();
    HikariDataSource current = pool;
    if (current == null) {
      throw new ConnectorException(ErrorCode.CONNECTION_FAILED, name() + " is disconnected");
    }
    return current.getConnection();
  }

  /** Returns a connection to the pool after resetting its session; never throws. */
  void release(Connection connection) {
    try {
      String reset = dialect.resetSession();
      if (reset != null) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(reset);
        }
      }
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      log.warn("{}: resetting a connection failed; it is discarded", name(), e);
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        log.warn("{}: closing a connection failed", name(), e);
      }
    }
  }

  // ---------------------------------------------------------------- errors (C5)

  /** A driver error as a contract error, keeping SQLState and vendor code. */
  public ConnectorException translate(SQLException e, String model, String operation) {
    ErrorCode code = dialect.errorCode(e);
    Map<String, Object> details = new LinkedHashMap<>();
    if (e.getSQLState() != null) {
      details.put("sqlState", e.getSQLState());
    }
    details.put("vendorCode", e.getErrorCode());
    if (model != null) {
      details.put("model", model);
    }
    String prefix = model == null ? name() + " " + operation : operation + " of " + model;
    return new ConnectorException(code, prefix + ": " + e.getMessage(), details, e);
  }

  // ---------------------------------------------------------------- execution

  /** Work on a connection and a (possibly listener-replaced) statement. */
  @FunctionalInterface
  protected interface SqlWork<T> {
    T apply(Connection connection, ParameterizedSql sql) throws SQLException;
  }

  /**
   * Runs one statement between the execute hooks, on the transaction's connection or a pooled one
   * that is released whatever happens.
   */
  protected final <T> T run(
      String model, ParameterizedSql sql, Options options, String operation, SqlWork<T> work) {
    Transaction transaction = transactionOf(requireNonNull(options, "options is null"));
    return executeNative(
        model,
        sql,
        request -> {
          ParameterizedSql statement = (ParameterizedSql) request;
          try {
            if (transaction instanceof JdbcTransaction tx) {
              return tx.run(
                  () -> {
                    try {
                      return work.apply(tx.connection(), statement);
                    } catch (SQLException e) {
                      throw translate(e, model, operation);
                    }
                  });
            }
            try (Connection connection = borrow()) {
              return work.apply(connection, statement);
            }
          } catch (SQLException e) {
            throw translate(e, model, operation);
          }
        });
  }

  /** A prepared statement with every parameter bound (C2 mapping). */
  protected final PreparedStatement prepare(
      Connection connection, ParameterizedSql sql, boolean generatedKeys) throws SQLException {
    PreparedStatement statement =
        generatedKeys
            ? connection.prepareStatement(sql.sql(), Statement.RETURN_GENERATED_KEYS)
            : connection.prepareStatement(sql.sql());
    try {
      List<Object> params = sql.params();
      for (int i = 0; i < params.size(); i++) {
        JdbcValues.bind(statement, i + 1, params.get(i));
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  @Override
  protected Object toColumnValue(PropertyDefinition property, Object value) {
    if (value instanceof java.util.Collection<?> items
        && String.valueOf(property.connectorSettings(dialect.settingsKey()).get("columnType"))
            .endsWith("[]")) {
      return JdbcValues.arrayLiteral(items); // a discovered SQL array column, not JSON text
    }
    return JdbcValues.toColumn(property.type(), value);
  }

  @Override
  protected List<Map<String, Object>> executeQuery(
      ModelDefinition model,
      List<PropertyDefinition> columns,
      ParameterizedSql sql,
      Options options) {
    return run(
        model.name(),
        sql,
        options,
        "find",
        (connection, statement) -> {
          try (PreparedStatement prepared = prepare(connection, statement, false);
              ResultSet rs = prepared.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
              Map<String, Object> row = new LinkedHashMap<>();
              for (int i = 0; i < columns.size(); i++) {
                PropertyDefinition property = columns.get(i);
                row.put(
                    property.name(),
                    property.type().kind() == io.connectorkit.core.model.PropertyType.Kind.DATE
                        ? JdbcValues.date(dialect.readDate(rs, i + 1))
                        : JdbcValues.read(rs, i + 1, property.type()));
              }
              rows.add(row);
            }
            return rows;
          }
        });
  }

  @Override
  protected long executeScalar(ModelDefinition model, ParameterizedSql sql, Options options) {
    return run(
        model.name(),
        sql,
        options,
        "count",
        (connection, statement) -> {
          try (PreparedStatement prepared = prepare(connection, statement, false);
              ResultSet rs = prepared.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
          }
        });
  }

  @Override
  protected long executeUpdate(ModelDefinition model, ParameterizedSql sql, Options options) {
    return run(
        model.name(),
        sql,
        options,
        "write",
        (connection, statement) -> {
          try (PreparedStatement prepared = prepare(connection, statement, false)) {
            return prepared.executeLargeUpdate();
          }
        });
  }

  @Override
  protected List<Object> executeInsert(
      ModelDefinition model, ParameterizedSql sql, Options options) {
    return run(
        model.name(),
        sql,
        options,
        "create",
        (connection, statement) -> {
          try (PreparedStatement prepared = prepare(connection, statement, true)) {
            prepared.executeLargeUpdate();
            List<Object> keys = new ArrayList<>();
            try (ResultSet rs = prepared.getGeneratedKeys()) {
              while (rs.next()) {
                keys.add(rs.getLong(1));
              }
            }
            return keys;
          }
        });
  }

  @Override
  protected <T> T atomically(Options options, Function<Options, T> work) {
    requireNonNull(options, "options is null");
    if (transactionOf(options) != null) {
      return work.apply(options);
    }
    JdbcTransaction transaction = begin(IsolationLevel.READ_COMMITTED, null);
    try {
      T result = work.apply(Options.of(transaction));
      transaction.commit();
      return result;
    } finally {
      transaction.close();
    }
  }

  // ---------------------------------------------------------------- transactions (C8)

  /** {@inheritDoc} Every level maps to the JDBC level of the same name. */
  @Override
  public Transaction beginTransaction(IsolationLevel isolation, Duration timeout) {
    return begin(requireNonNull(isolation, "isolation is null"), timeout);
  }

  private JdbcTransaction begin(IsolationLevel isolation, Duration timeout) {
    Connection connection;
    try {
      connection = borrow();
    } catch (SQLException e) {
      throw translate(e, null, "beginTransaction");
    }
    try {
      connection.setTransactionIsolation(jdbcIsolation(isolation));
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      release(connection);
      throw translate(e, null, "beginTransaction");
    }
    JdbcTransaction transaction = new JdbcTransaction(this, isolation, timeout);
    transaction.attach(connection);
    return transaction;
  }

  private static int jdbcIsolation(IsolationLevel isolation) {
    return switch (isolation) {
      case READ_UNCOMMITTED -> Connection.TRANSACTION_READ_UNCOMMITTED;
      case READ_COMMITTED -> Connection.TRANSACTION_READ_COMMITTED;
      case REPEATABLE_READ -> Connection.TRANSACTION_REPEATABLE_READ;
      case SERIALIZABLE -> Connection.TRANSACTION_SERIALIZABLE;
    };
  }

  // ---------------------------------------------------------------- execute (C7 EXECUTE)

  /**
   * {@inheritDoc} SQL text with {@code ?} parameters. A query answers its rows as maps of column
   * label to value; any other statement {@code {"affectedRows": n}}.
   */
  @Override
  public Object execute(String command, List<Object> params, Options options) {
    requireNonNull(command, "command is null");
    ParameterizedSql sql = new ParameterizedSql(command, params == null ? List.of() : params);
    return run(
        null,
        sql,
        options == null ? Options.NONE : options,
        "execute",
        (connection, statement) -> {
          try (PreparedStatement prepared = prepare(connection, statement, false)) {
            if (prepared.execute()) {
              try (ResultSet rs = prepared.getResultSet()) {
                return JdbcValues.readAll(rs, dialect);
              }
            }
            return Map.of("affectedRows", prepared.getLargeUpdateCount());
          }
        });
  }

  // ---------------------------------------------------------------- collations

  /**
   * {@inheritDoc} Looked up once per table in the catalog; columns that migration created are known
   * to be exact.
   */
  @Override
  protected boolean exactStringColumn(ModelDefinition model, PropertyDefinition property) {
    String table = tableName(model);
    Map<String, String> known = collations.get(table);
    if (known == null) {
      known = Map.copyOf(new Catalog(this).collations(table));
      collations.put(table, known);
    }
    String collation = known.get(columnName(property));
    return collation != null && dialect.exactCollation(collation);
  }

  @Override
  protected void onDefine(ModelDefinition model) {
    collations.remove(tableName(model));
  }

  /**
   * Reads a table's collations now, outside any transaction: a lookup inside one would need a
   * second pooled connection, and under load the pool may have none to give.
   */
  void loadCollations(String table) {
    collations.put(table, Map.copyOf(new Catalog(this).collations(table)));
  }

  // ---------------------------------------------------------------- migration (C7 MIGRATION)

  @Override
  public void automigrate(List<ModelDefinition> models) {
    new Migration(this).automigrate(models);
  }

  @Override
  public void autoupdate(List<ModelDefinition> models, boolean destructive) {
    new Migration(this).autoupdate(models, destructive);
  }

  @Override
  public boolean isActual(List<ModelDefinition> models) {
    return new Migration(this).isActual(models);
  }

  // ---------------------------------------------------------------- discovery (C7 DISCOVERY)

  @Override
  public List<Map<String, Object>> discoverModelDefinitions(Map<String, Object> options) {
    return new Catalog(this).tables(options == null ? Map.of() : options);
  }

  @Override
  public List<Map<String, Object>> discoverModelProperties(
      String table, Map<String, Object> options) {
    return new Catalog(this).columns(requireNonNull(table, "table is null"));
  }

  @Override
  public List<Map<String, Object>> discoverPrimaryKeys(String table, Map<String, Object> options) {
    return new Catalog(this).primaryKeys(requireNonNull(table, "table is null"));
  }

  @Override
  public List<Map<String, Object>> discoverForeignKeys(String table, Map<String, Object> options) {
    return new Catalog(this).foreignKeys(requireNonNull(table, "table is null"));
  }

  /**
   * {@inheritDoc} With a {@link #discoveryCatalog()}, the model JSON an application uses directly
   * ({@code SchemaDiscovery}): LoopBack's names unless the option {@code keepNames} is true, exact
   * column types, enum values, defaults, indexes, foreign keys, the schema (option {@code owner} or
   * {@code schema}; default the datasource's).
   */
  @Override
  public Map<String, Object> discoverSchemas(String table, Map<String, Object> options) {
    requireNonNull(table, "table is null");
    DiscoveryCatalog catalog = discoveryCatalog();
    if (catalog != null) {
      return new SchemaDiscovery(this, catalog).schema(table, options == null ? Map.of() : options);
    }
    return new Catalog(this).schema(table);
  }

  /**
   * The catalog queries of whole-schema discovery, or null (the default) for the plain model JSON
   * of {@code information_schema}.
   */
  protected DiscoveryCatalog discoveryCatalog() {
    return null;
  }

  /** Runs catalog or DDL SQL outside any transaction. */
  <T> T withConnection(String operation, SqlWork<T> work, ParameterizedSql sql) {
    return run(null, sql, Options.NONE, operation, work);
  }

  /** Rows of a catalog query as maps of lower-case column label to value. */
  List<Map<String, Object>> catalogQuery(ParameterizedSql sql) {
    return withConnection(
        "discovery",
        (connection, statement) -> {
          try (PreparedStatement prepared = prepare(connection, statement, false);
              ResultSet rs = prepared.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
              Map<String, Object> row = new LinkedHashMap<>();
              for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
              }
              rows.add(row);
            }
            return rows;
          }
        },
        sql);
  }

  /** Runs DDL. */
  void ddl(String sql) {
    log.debug("{}: {}", name(), sql);
    withConnection(
        "migration",
        (connection, statement) -> {
          try (Statement plain = connection.createStatement()) {
            plain.execute(statement.sql());
            return null;
          }
        },
        ParameterizedSql.text(sql));
  }

  /**
   * Runs {@code work} in one transaction (the caller's, or a new one) while holding an exclusive
   * lock on the model's table, so that the read-then-write of {@link #upsertWithWhere} and {@link
   * #findOrCreate} is atomic (C3): MySQL's {@code GET_LOCK}, PostgreSQL's advisory lock.
   *
   * @param work gets the options of the transaction to run in; never null
   * @throws ConnectorException {@code TIMEOUT} when the lock is not granted in time
   */
  protected abstract <T> T locked(
      ModelDefinition model, Options options, Function<Options, T> work);

  /** Finds at most two matches and patches or creates under {@link #locked}. */
  @Override
  public UpsertResult upsertWithWhere(
      ModelDefinition model, Where where, UpsertData data, Options options) {
    requireNonNull(where, "where is null");
    requireNonNull(data, "data is null");
    return locked(
        model,
        options,
        tx -> {
          List<Map<String, Object>> matches =
              all(model, new Filter(where, Fields.ALL, List.of(), 2, 0, List.of()), tx);
          if (matches.size() > 1) {
            throw Dao.multipleInstances(model, where);
          }
          if (matches.isEmpty()) {
            return new UpsertResult(create(model, data.forCreate(), tx), true);
          }
          return new UpsertResult(
              updateAttributes(model, idOf(model, matches.get(0)), data.patch(), tx), false);
        });
  }

  /** Finds the first match or creates under {@link #locked}. */
  @Override
  public UpsertResult findOrCreate(
      ModelDefinition model, Filter filter, Supplier<Map<String, Object>> data, Options options) {
    requireNonNull(filter, "filter is null");
    requireNonNull(data, "data is null");
    return locked(
        model,
        options,
        tx -> {
          List<Map<String, Object>> found = all(model, filter.withPage(1, 0), tx);
          if (!found.isEmpty()) {
            return new UpsertResult(found.get(0), false);
          }
          return new UpsertResult(create(model, data.get(), tx), true);
        });
  }
}
