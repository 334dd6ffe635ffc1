package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.ConnectorErrors;
import io.connectorkit.core.spi.EntityIds;
import io.connectorkit.core.spi.Settings;
import io.connectorkit.core.spi.UpsertData;
import io.connectorkit.core.spi.sql.ParameterizedSql;
import io.connectorkit.core.spi.sql.SqlConnector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL connector over JDBC: a HikariCP pool, statement execution with C2 type mapping,
 * transactions (C8) on pooled connections, error mapping to contract codes (C5), atomic writes (C3)
 * and the migration and discovery engines. A database module does not subclass it: it supplies a
 * {@link JdbcDialect} (SQL, catalog, locks, native upserts), its {@link JdbcSettings} and its
 * features to the constructor.
 *
 * <p>Settings ({@link JdbcSettings}): {@code connectionLimit} (pool size, default 10), {@code
 * minimumIdle} (connections kept open, and opened before {@code connect} returns; default 1),
 * {@code connectionTimeout} (ms to wait for a connection, default 10000), {@code validationTimeout}
 * (ms, default 5000), {@code queryTimeout} (ms a statement may wait for the server, default 0:
 * unbounded; past it the statement fails with {@code TIMEOUT} and its connection is discarded),
 * {@code keepaliveTime} (ms between pings of idle pooled connections, default 30000, 0: off).
 *
 * <p>Connector hooks (C9): the native request of every statement is its {@link ParameterizedSql}; a
 * listener may replace it.
 *
 * <p>Size: over 600 lines because it is the one SPI object of every JDBC backend; its sections
 * (pool, execution, transactions, atomic writes) are short, and migration and discovery already
 * live in {@code Migration} and {@code Catalog}. The atomic writes are the next seam to split out.
 */
public final class JdbcConnector extends SqlConnector<JdbcDialect> {
  private static final Logger log = LoggerFactory.getLogger(JdbcConnector.class);

  private final Set<Feature> features;
  private final JdbcSettings jdbc;
  private final Map<String, Map<String, String>> collations = new ConcurrentHashMap<>();
  private volatile @Nullable HikariDataSource pool;
  private volatile @Nullable MetricsTrackerFactory poolMetrics;
  private final ClusterSettings cluster;
  private volatile @Nullable ReplicaRouter router;

  /**
   * The features every JDBC backend of this stack has (CRUD, batch create, atomic upserts and
   * findOrCreate, transactions, migration, discovery, execute, numeric ids); a factory adds what
   * its dialect also pushes down, e.g. {@link Feature#NESTED_PROPERTIES} on MySQL.
   */
  public static final Set<Feature> FEATURES =
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

  /**
   * @param name the connector's name, e.g. {@code mysql}
   * @param settings the datasource settings, as given
   * @param features what the backend supports
   * @param dialect the backend's SQL; held by {@link #statements()} only
   * @param jdbc the settings read by the backend's factory ({@link JdbcSettings#read})
   * @throws NullPointerException for a null argument
   */
  public JdbcConnector(
      String name,
      Settings settings,
      Set<Feature> features,
      JdbcDialect dialect,
      JdbcSettings jdbc) {
    super(name, settings, dialect);
    this.features = Set.copyOf(requireNonNull(features, "features is null"));
    this.jdbc = requireNonNull(jdbc, "jdbc is null");
    minimumIdle();
    this.cluster = ClusterSettings.read(name, settings, jdbc.endpoint());
    if (cluster.clustered() && ClusterSql.of(dialect.settingsKey()) == null) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          name + ": setting \"replicas\" is not supported by this connector");
    }
  }

  /**
   * The {@code minimumIdle} setting, checked against {@code connectionLimit}.
   *
   * @throws ConnectorException {@code CONFIGURATION_INVALID} below 0 or above the pool size
   */
  private int minimumIdle() {
    int limit = jdbc.connectionLimit();
    int idle = settings().integer("minimumIdle", Math.min(1, limit));
    if (idle < 0 || idle > limit) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          name()
              + ": setting \"minimumIdle\" must be between 0 and connectionLimit ("
              + limit
              + "), got "
              + idle);
    }
    return idle;
  }

  @Override
  public Set<Feature> features() {
    return features;
  }

  /** The settings read by the factory; never null. */
  public JdbcSettings jdbcSettings() {
    return jdbc;
  }

  /** The pool configuration: the endpoint's database URL, its credentials, pool and driver. */
  private HikariConfig poolConfig() {
    JdbcEndpoint endpoint = jdbc.endpoint();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbc.jdbcUrl(endpoint.database()));
    config.setUsername(endpoint.user());
    config.setPassword(endpoint.password());
    config.setDataSourceProperties(jdbc.properties());
    if (cluster.clustered()) {
      // Replicated: every new connection goes to whichever server is the primary now (failover).
      List<JdbcEndpoint> servers = new ArrayList<>();
      servers.add(endpoint);
      servers.addAll(cluster.replicas());
      config.setDataSource(ReplicaRouter.primaries(jdbc, clusterSql(), servers, jdbc.properties()));
    }
    config.setMaximumPoolSize(jdbc.connectionLimit());
    config.setMinimumIdle(1);
    config.setConnectionTimeout(jdbc.connectionTimeout());
    config.setValidationTimeout(jdbc.validationTimeout());
    config.setPoolName("connectorkit-" + name());
    // Fail at connect, with the cause, rather than at the first query.
    config.setInitializationFailTimeout(1);
    return config;
  }

  /** The replication SQL of a replicated datasource, which the constructor checked there is. */
  private ClusterSql clusterSql() {
    return requireNonNull(ClusterSql.of(dialect().settingsKey()), "clusterSql is null");
  }

  /** {@code createDatabase}: creates the database through the maintenance database if absent. */
  private void createDatabase() {
    JdbcEndpoint endpoint = jdbc.endpoint();
    if (!jdbc.createDatabase() || endpoint.database().isEmpty()) {
      return;
    }
    JdbcDialect dialect = dialect();
    Properties properties = jdbc.properties();
    properties.setProperty("user", endpoint.user());
    properties.setProperty("password", endpoint.password());
    // C6: this connection is outside the pool, so nothing else bounds a server that accepts TCP
    // but never answers; every read waits at most the connect timeout.
    properties.putIfAbsent("socketTimeout", dialect.socketTimeout(jdbc.connectionTimeout()));
    try (Connection connection =
        DriverManager.getConnection(jdbc.jdbcUrl(dialect.maintenanceDatabase()), properties)) {
      ParameterizedSql exists = dialect.databaseExistsQuery(endpoint.database());
      if (exists != null) {
        try (PreparedStatement prepared = prepare(connection, exists, false);
            ResultSet rs = prepared.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute(dialect.createDatabaseSql(dialect.quoteIdentifier(endpoint.database())));
      } catch (SQLException e) {
        if (!dialect.isDatabaseExists(e)) {
          throw e;
        }
      }
    } catch (SQLException e) {
      throw translate(e, null, "createDatabase");
    }
  }

  /**
   * Reports this connector's HikariCP pool metrics to {@code factory} (a Micrometer or Dropwizard
   * tracker factory): the open pool's, if it reports nowhere yet, and every pool opened later. For
   * metrics modules such as {@code connector-micrometer}.
   *
   * @param factory never null
   */
  public final void setPoolMetrics(MetricsTrackerFactory factory) {
    poolMetrics = requireNonNull(factory, "factory is null");
    HikariDataSource current = pool;
    if (current != null && current.getMetricsTrackerFactory() == null) {
      current.setMetricsTrackerFactory(factory);
    }
  }

  // ---------------------------------------------------------------- lifecycle (C6)

  @Override
  protected void doConnect() {
    createDatabase();
    HikariConfig config = poolConfig();
    config.setMinimumIdle(minimumIdle());
    // Idle connections are pinged so that one cut while idle is found and replaced before a caller
    // borrows it (HikariCP also re-validates any connection idle for more than 500 ms on borrow).
    int keepalive = settings().integer("keepaliveTime", 30_000);
    if (keepalive > 0) {
      config.setKeepaliveTime(Math.max(30_000, keepalive));
    }
    if (poolMetrics != null) {
      config.setMetricsTrackerFactory(poolMetrics);
    }
    try {
      HikariDataSource opened = new HikariDataSource(config);
      try (Connection connection = opened.getConnection()) {
        dialect().onConnect(connection);
      }
      warmUp(opened, config);
      if (cluster.clustered()) {
        router = new ReplicaRouter(name(), cluster, clusterSql(), jdbc);
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

  /**
   * Waits (at most {@code connectionTimeout}) until the pool holds {@code minimumIdle} connections:
   * HikariCP opens them in the background, and callers arriving before would each wait for a
   * connection to be created (connector-bench's W7, 16 callers on a cold pool).
   */
  private void warmUp(HikariDataSource opened, HikariConfig config) {
    long deadline = System.nanoTime() + config.getConnectionTimeout() * 1_000_000L;
    var mxBean = opened.getHikariPoolMXBean();
    while (mxBean != null
        && mxBean.getTotalConnections() < config.getMinimumIdle()
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (mxBean != null && mxBean.getTotalConnections() < config.getMinimumIdle()) {
      log.warn(
          "{}: {} of minimumIdle {} connections open after {} ms; the rest open in the background",
          name(),
          mxBean.getTotalConnections(),
          config.getMinimumIdle(),
          config.getConnectionTimeout());
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
    ReplicaRouter routing = router;
    router = null;
    if (routing != null) {
      routing.close();
    }
    if (closing != null) {
      closing.close();
    }
  }

  @Override
  public boolean ping() {
    connect();
    try (Connection connection = borrow()) {
      if (!connection.isValid(Math.max(1, jdbc.validationTimeout() / 1000))) {
        throw new ConnectorException(ErrorCode.CONNECTION_FAILED, name() + ": ping failed");
      }
      return true;
    } catch (SQLException e) {
      throw translate(e, null, "ping");
    }
  }

  /** A pooled connection in auto-commit mode; the caller closes it. */
  private Connection borrow() throws SQLException {
    connect();
    HikariDataSource current = pool;
    if (current == null) {
      throw new ConnectorException(ErrorCode.CONNECTION_FAILED, name() + " is disconnected");
    }
    return current.getConnection();
  }

  /** After a transaction committed on {@code connection}: keeps the primary's position. */
  void committed(Connection connection) {
    ReplicaRouter routing = router;
    if (routing != null) {
      routing.wrote(connection, Options.NONE);
    }
  }

  /** Returns a connection to the pool after resetting its session; never throws. */
  void release(Connection connection) {
    try {
      String reset = dialect().resetSession();
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
  public ConnectorException translate(SQLException e, @Nullable String model, String operation) {
    ErrorCode code = dialect().errorCode(e);
    String sqlState = Outcomes.sqlState(e);
    if (sqlState != null && sqlState.startsWith("08")) {
      code = ErrorCode.CONNECTION_FAILED;
    }
    if (Outcomes.socketTimedOut(e)
        && !CONNECTING.contains(operation)
        && !(e instanceof java.sql.SQLTransientConnectionException)) {
      // A statement whose server stopped answering (C6): the wait ran out, the link may be fine.
      code = ErrorCode.TIMEOUT;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    if (sqlState != null) {
      details.put("sqlState", sqlState);
    }
    details.put("vendorCode", e.getErrorCode());
    if (model != null) {
      details.put("model", model);
    }
    String prefix = model == null ? name() + " " + operation : operation + " of " + model;
    return new ConnectorException(code, prefix + ": " + e.getMessage(), details, e);
  }

  /** Operations that open connections: a socket timeout there is a failure to connect. */
  private static final Set<String> CONNECTING = Set.of("connect", "createDatabase", "ping");

  /**
   * Operations that only read: safe to run again on a fresh connection, and never "unknown" (C5).
   * Catalog queries ({@code discovery}) count: they also run in the middle of writes, to learn a
   * table's collations.
   */
  private static final Set<String> READS = Set.of("find", "count", "discovery");

  /** Runs the driver's network-timeout callbacks inline; they only set a socket option. */
  private static final Executor INLINE = Runnable::run;

  // ---------------------------------------------------------------- execution

  /** Work on a connection and a (possibly listener-replaced) statement. */
  @FunctionalInterface
  interface SqlWork<T> {
    T apply(Connection connection, ParameterizedSql sql) throws SQLException;
  }

  /**
   * Runs one statement between the execute hooks, on the transaction's connection or a pooled one
   * that is released whatever happens.
   *
   * <p>A write that fails with {@code CONNECTION_FAILED} or {@code TIMEOUT} says whether it took
   * effect (C5, {@code details.outcome}). A read that fails because its pooled connection turned
   * out dead is run once more on a fresh one (C6): the pool replaces the dead connection meanwhile.
   */
  <T> T run(
      @Nullable String model,
      ParameterizedSql sql,
      Options options,
      String operation,
      SqlWork<T> work) {
    Transaction transaction = transactionOf(requireNonNull(options, "options is null"));
    boolean write = !READS.contains(operation);
    return executeNative(
        model,
        sql,
        request -> {
          ParameterizedSql statement = (ParameterizedSql) request;
          if (transaction instanceof JdbcTransaction tx) {
            try {
              return tx.run(
                  () -> {
                    try {
                      return work.apply(tx.connection(), statement);
                    } catch (SQLException e) {
                      throw translate(e, model, operation);
                    }
                  });
            } catch (ConnectorException e) {
              // A transaction whose connection broke is rolled back by the server.
              throw write ? Outcomes.withOutcome(e, Outcomes.NOT_APPLIED) : e;
            }
          }
          for (int attempt = 1; ; attempt++) {
            Connection connection;
            ReplicaRouter routing = router;
            ReplicaRouter.Routed routed = null;
            try {
              // docs/scaling.md: reads outside a transaction may go to a replica.
              routed = write || routing == null ? null : routing.read(options);
              connection = routed != null ? routed.connection() : borrow();
            } catch (SQLException e) {
              throw Outcomes.withOutcome(translate(e, model, operation), Outcomes.NOT_APPLIED);
            } catch (ConnectorException e) {
              throw Outcomes.withOutcome(e, Outcomes.NOT_APPLIED);
            }
            try (Connection borrowed = connection) {
              applyQueryTimeout(borrowed);
              T result = work.apply(borrowed, statement);
              if (write && routing != null) {
                routing.wrote(borrowed, options);
              }
              return result;
            } catch (SQLException e) {
              ConnectorException failure = translate(e, model, operation);
              if (routed != null && attempt <= 3 && failure.code() == ErrorCode.CONNECTION_FAILED) {
                // A read is routed only when there is a router.
                requireNonNull(routing, "routing is null").failed(routed.replica(), e);
                continue;
              }
              if (!write && attempt == 1 && failure.code() == ErrorCode.CONNECTION_FAILED) {
                log.debug("{}: {} failed on a dead connection; retrying once", name(), operation);
                continue;
              }
              throw write ? Outcomes.withOutcome(failure, Outcomes.UNKNOWN) : failure;
            }
          }
        });
  }

  /** Bounds every socket read of {@code connection} by the {@code queryTimeout} setting, if set. */
  final void applyQueryTimeout(Connection connection) throws SQLException {
    // A network timeout, unlike Statement.setQueryTimeout, also bounds a server that went silent:
    // the driver aborts the connection and the pool discards it. Set on every borrow, 0 included:
    // a driver may connect with a socket timeout that bounds its handshake only (the pool puts it
    // back when the connection returns).
    connection.setNetworkTimeout(INLINE, Math.max(0, settings().integer("queryTimeout", 0)));
  }

  /** A prepared statement with every parameter bound (C2 mapping). */
  static PreparedStatement prepare(
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
  protected List<Map<String, Object>> executeQuery(
      ModelDefinition model,
      List<PropertyDefinition> columns,
      ParameterizedSql sql,
      Options options) {
    return query(model, columns, sql, options, "find");
  }

  /**
   * Rows of a statement that answers {@code columns}; {@code operation} says whether it only reads
   * ({@code find}) or writes too ({@code UPDATE … RETURNING}), which decides retry and outcome.
   */
  private List<Map<String, Object>> query(
      ModelDefinition model,
      List<PropertyDefinition> columns,
      ParameterizedSql sql,
      Options options,
      String operation) {
    return run(
        model.name(),
        sql,
        options,
        operation,
        (connection, statement) -> {
          try (PreparedStatement prepared = prepare(connection, statement, false);
              ResultSet rs = prepared.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
              rows.add(readRow(rs, columns));
            }
            return rows;
          }
        });
  }

  /** The current row's first columns as the values of {@code columns} (C2 mapping). */
  private Map<String, Object> readRow(ResultSet rs, List<PropertyDefinition> columns)
      throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      PropertyDefinition property = columns.get(i);
      row.put(
          property.name(),
          property.type().kind() == PropertyType.Kind.DATE
              ? JdbcValues.date(dialect().readDate(rs, i + 1))
              : JdbcValues.read(rs, i + 1, property.type()));
    }
    return row;
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

  /**
   * {@inheritDoc} The driver's generated keys, or, where the dialect says so ({@link
   * JdbcDialect#returning}), {@code RETURNING} the generated numeric id: PostgreSQL's driver would
   * return every column, in table order.
   */
  @Override
  protected List<Object> executeInsert(
      ModelDefinition model, ParameterizedSql sql, Options options) {
    if (dialect().returning()) {
      PropertyDefinition generated = generatedId(model);
      if (generated == null || generated.type().kind() != PropertyType.Kind.NUMBER) {
        executeUpdate(model, sql, options);
        return List.of();
      }
      ParameterizedSql returning = sql.append(" RETURNING " + statements().quotedColumn(generated));
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
    JdbcTransaction transaction;
    try {
      transaction = begin(IsolationLevel.READ_COMMITTED, null);
    } catch (ConnectorException e) {
      throw Outcomes.withOutcome(e, Outcomes.NOT_APPLIED);
    }
    T result;
    try {
      result = work.apply(Options.of(transaction));
    } catch (ConnectorException e) {
      // C5: a rollback that fails on the dead connection never replaces the original error; the
      // transaction never committed, so nothing of the write happened.
      closeAfterFailure(transaction, e);
      throw Outcomes.replaceOutcome(e, Outcomes.NOT_APPLIED);
    } catch (RuntimeException | Error e) {
      closeAfterFailure(transaction, e);
      throw e;
    }
    try {
      transaction.commit();
    } catch (ConnectorException e) {
      throw Outcomes.withOutcome(e, Outcomes.UNKNOWN);
    }
    return result;
  }

  private static void closeAfterFailure(Transaction transaction, Throwable failure) {
    try {
      transaction.close();
    } catch (RuntimeException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }

  // ---------------------------------------------------------------- transactions (C8)

  /** {@inheritDoc} Every level maps to the JDBC level of the same name. */
  @Override
  public Transaction beginTransaction(IsolationLevel isolation, @Nullable Duration timeout) {
    return begin(requireNonNull(isolation, "isolation is null"), timeout);
  }

  private JdbcTransaction begin(IsolationLevel isolation, @Nullable Duration timeout) {
    Connection connection;
    try {
      connection = borrow();
    } catch (SQLException e) {
      throw translate(e, null, "beginTransaction");
    }
    try {
      applyQueryTimeout(connection);
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
                return JdbcValues.readAll(rs, dialect());
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
    String table = statements().tableName(model);
    Map<String, String> known = collations.get(table);
    if (known == null) {
      try {
        known = Map.copyOf(new Catalog(this).collations(table));
      } catch (ConnectorException e) {
        // The lookup runs lazily while a statement is being built, often the first one of a write
        // (upsertWithWhere's where). It writes nothing and the write was not sent yet, so the
        // write as a whole provably had no effect (C5).
        throw Outcomes.withOutcome(e, Outcomes.NOT_APPLIED);
      }
      collations.put(table, known);
    }
    String collation = known.get(statements().columnName(property));
    return collation != null && dialect().exactCollation(collation);
  }

  /**
   * {@inheritDoc} Checks every table and column name against the backend's rules first, so that a
   * name the backend would refuse (or, on PostgreSQL, silently truncate) fails here rather than at
   * migration with {@code BACKEND_ERROR}.
   *
   * @throws ConnectorException {@code CONFIGURATION_INVALID} naming the model, the property and the
   *     name
   */
  @Override
  protected void onDefine(ModelDefinition model) {
    checkIdentifier(model, null, statements().tableName(model));
    for (PropertyDefinition property : model.properties().values()) {
      checkIdentifier(model, property.name(), statements().columnName(property));
    }
    collations.remove(statements().tableName(model));
  }

  private void checkIdentifier(ModelDefinition model, @Nullable String property, String name) {
    String problem;
    try {
      dialect().quoteIdentifier(name);
      problem = dialect().identifierProblem(name);
    } catch (ConnectorException e) {
      problem = e.getMessage();
    }
    if (problem == null) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("model", model.name());
    if (property != null) {
      details.put("property", property);
    }
    details.put("name", name);
    throw new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID,
        "model "
            + model.name()
            + (property == null ? ": table" : ", property " + property + ": column")
            + " name \""
            + name.replace("\0", "\\0")
            + "\" "
            + problem,
        details);
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
    try {
      new Migration(this).automigrate(models);
    } finally {
      evictStatementCaches();
    }
  }

  @Override
  public void autoupdate(List<ModelDefinition> models, boolean destructive) {
    try {
      new Migration(this).autoupdate(models, destructive);
    } finally {
      evictStatementCaches();
    }
  }

  /**
   * Retires every pooled connection (those in use when they are returned): their server-side
   * prepared statements were planned for the tables migration just replaced, and PostgreSQL fails a
   * cached plan whose result type changed ("cached plan must not change result type"). New
   * connections prepare again. Outside a transaction pgjdbc also heals such a failure by itself (it
   * re-prepares and retries once); this covers statements inside transactions too.
   */
  private void evictStatementCaches() {
    HikariDataSource current = pool;
    if (current != null && current.getHikariPoolMXBean() != null) {
      current.getHikariPoolMXBean().softEvictConnections();
    }
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
   * {@inheritDoc} With a {@link JdbcDialect#discoveryCatalog()}, the model JSON an application uses
   * directly ({@code SchemaDiscovery}): LoopBack's names unless the option {@code keepNames} is
   * true, exact column types, enum values, defaults, indexes, foreign keys, the schema (option
   * {@code owner} or {@code schema}; default the datasource's).
   */
  @Override
  public Map<String, Object> discoverSchemas(String table, Map<String, Object> options) {
    requireNonNull(table, "table is null");
    DiscoveryCatalog catalog = dialect().discoveryCatalog();
    if (catalog != null) {
      return new SchemaDiscovery(this, catalog).schema(table, options == null ? Map.of() : options);
    }
    return new Catalog(this).schema(table);
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
            return plain.execute(statement.sql());
          }
        },
        ParameterizedSql.text(sql));
  }

  // ---------------------------------------------------------------- atomic writes (C3)

  /**
   * Runs {@code work} in one transaction (the caller's, or a new one) while holding an exclusive
   * lock on the model's table, so that a read-then-write is atomic (C3): the dialect's {@link
   * JdbcDialect#lockTable} statements, each answering 1 when granted.
   *
   * @throws ConnectorException {@code TIMEOUT} when the lock is not granted in time
   */
  private <T> T locked(ModelDefinition model, Options options, Function<Options, T> work) {
    boolean own = transactionOf(options) == null;
    return atomically(
        options,
        tx -> {
          String schema = jdbc.schema().isEmpty() ? "" : jdbc.schema() + ".";
          String name =
              "connectorkit:"
                  + jdbc.endpoint().database()
                  + "."
                  + schema
                  + statements().tableName(model);
          for (ParameterizedSql lock : dialect().lockTable(name, jdbc.lockTimeout(), own)) {
            Long granted =
                run(
                    model.name(),
                    lock,
                    tx,
                    "lock",
                    (connection, statement) -> {
                      try (PreparedStatement prepared = prepare(connection, statement, false);
                          ResultSet rs = prepared.executeQuery()) {
                        long value = rs.next() ? rs.getLong(1) : 0;
                        return rs.wasNull() ? 0L : value; // NULL is no lock, as 0 is
                      }
                    });
            if (granted == null || granted != 1) {
              throw new ConnectorException(
                  ErrorCode.TIMEOUT,
                  "could not lock "
                      + model.name()
                      + " within "
                      + jdbc.lockTimeout()
                      + " ms for an atomic write",
                  Map.of("model", model.name(), "lockTimeout", jdbc.lockTimeout()));
            }
          }
          return work.apply(tx);
        });
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
   * Without a lock, as few statements as the backend allows (C3: one record per id, DUPLICATE_KEY
   * on other unique indexes, patch or replace on the update branch, defaults on the create branch
   * only). When the create branch is not allowed ({@code forceId}, a required property missing),
   * the record is only updated, and the create branch's error is thrown if it does not exist. Else
   * the dialect's single {@link JdbcDialect#upsert} statement; without one, an UPDATE, then an
   * INSERT when it matched nothing, retried as an update when a concurrent call created the record
   * first.
   */
  private UpsertResult upsertById(
      ModelDefinition model, Object id, UpsertData data, Options options, boolean replace) {
    requireNonNull(data, "data is null");
    requireNonNull(options, "options is null");
    if (id == null) {
      return new UpsertResult(create(model, data.forCreate(), options), true);
    }
    Map<String, Object> patch =
        replace ? replacement(model, data.patch()) : withoutIds(model, data.patch());
    Map<String, Object> row;
    try {
      row = data.forCreate();
    } catch (ConnectorException createBranchError) {
      Map<String, Object> updated = updateById(model, id, patch, options);
      if (updated == null) {
        throw createBranchError;
      }
      return new UpsertResult(updated, false);
    }
    PropertyDefinition generated = generatedId(model);
    boolean chosenGenerated =
        generated != null
            && generated.type().kind() == PropertyType.Kind.NUMBER
            && row.get(generated.name()) != null;
    List<PropertyDefinition> columns = List.copyOf(model.properties().values());
    ParameterizedSql upsert =
        dialect()
            .upsert(
                statements().insertSql(model, List.of(row)),
                statements().columnList(model.idProperties()),
                patchOrId(model, patch),
                statements().columnList(columns));
    if (upsert == null) {
      if (transactionOf(options) != null) {
        // A deadlock would abort the caller's transaction: serialise on the table instead.
        return locked(model, options, tx -> updateOrInsert(model, id, patch, row, tx));
      }
      // Racing inserts of one new id deadlock in InnoDB (shared locks of the duplicate check,
      // then both update); the victim's transaction is rolled back whole, so it is run again.
      for (int attempt = 1; ; attempt++) {
        try {
          return atomically(options, tx -> updateOrInsert(model, id, patch, row, tx));
        } catch (ConnectorException e) {
          if (attempt >= UPSERT_ATTEMPTS
              || !(e.getCause() instanceof SQLException cause)
              || !dialect().isRetryable(cause)) {
            throw e;
          }
        }
      }
    }
    String lock =
        chosenGenerated ? dialect().lockForChosenIds(statements().quotedTable(model)) : null;
    if (lock == null) {
      return nativeUpsert(model, columns, upsert, options);
    }
    return atomically(
        options,
        tx -> {
          executeUpdate(model, ParameterizedSql.text(lock), tx);
          UpsertResult result = nativeUpsert(model, columns, upsert, tx);
          if (result.created()) {
            // A lock is taken only for a chosen value of a generated id.
            advanceGenerated(
                model,
                requireNonNull(generated, "generated is null"),
                List.of(result.instance()),
                tx);
          }
          return result;
        });
  }

  /** The update branch's assignments: the patch, or the id set to itself when it is empty. */
  private ParameterizedSql patchOrId(ModelDefinition model, Map<String, Object> patch) {
    if (!patch.isEmpty()) {
      return statements().assignments(model, patch);
    }
    String id = statements().quotedColumn(model.idProperties().get(0));
    return ParameterizedSql.text(id + " = " + statements().quotedTable(model) + "." + id);
  }

  private UpsertResult nativeUpsert(
      ModelDefinition model,
      List<PropertyDefinition> columns,
      ParameterizedSql sql,
      Options options) {
    return run(
        model.name(),
        sql,
        options,
        "upsert",
        (connection, statement) -> {
          try (PreparedStatement prepared = prepare(connection, statement, false);
              ResultSet rs = prepared.executeQuery()) {
            rs.next();
            Map<String, Object> entity = readRow(rs, columns);
            return new UpsertResult(entity, rs.getBoolean(columns.size() + 1));
          }
        });
  }

  /** UPDATE by id, then INSERT when nothing matched; a lost race to insert updates again. */
  private UpsertResult updateOrInsert(
      ModelDefinition model,
      Object id,
      Map<String, Object> patch,
      Map<String, Object> row,
      Options tx) {
    for (int attempt = 0; attempt < UPSERT_ATTEMPTS; attempt++) {
      Map<String, Object> updated = updateById(model, id, patch, tx);
      if (updated != null) {
        return new UpsertResult(updated, false);
      }
      try {
        return new UpsertResult(create(model, row, tx), true);
      } catch (ConnectorException e) {
        // A unique violation on the primary key: a concurrent call created the record first.
        if (e.code() != ErrorCode.DUPLICATE_KEY || updateById(model, id, Map.of(), tx) == null) {
          throw e;
        }
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
            + " races in a row against concurrent deletes",
        Map.of("model", model.name(), "id", String.valueOf(id)));
  }

  /**
   * Patches the record with an id and reads it back; null when none has it. One {@code UPDATE …
   * RETURNING} where the dialect has it, else an UPDATE (a count for an empty patch) and a SELECT
   * in one transaction.
   */
  private @Nullable Map<String, Object> updateById(
      ModelDefinition model, Object id, Map<String, Object> patch, Options options) {
    Where byId = EntityIds.where(model, id, "upsert");
    if (dialect().returning() && !patch.isEmpty()) {
      List<PropertyDefinition> columns = List.copyOf(model.properties().values());
      ParameterizedSql sql =
          statements()
              .updateSql(model, byId, patch)
              .append(" RETURNING " + statements().columnList(columns));
      // A write, not a read: never run twice, and its failure says whether it took effect.
      List<Map<String, Object>> rows = query(model, columns, sql, options, "upsert");
      return rows.isEmpty() ? null : rows.get(0);
    }
    return atomically(
        options,
        tx -> {
          long matched =
              patch.isEmpty()
                  ? 1
                  : executeUpdate(model, statements().updateSql(model, byId, patch), tx);
          return matched == 0 ? null : findById(model, id, tx);
        });
  }

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
            throw ConnectorErrors.multipleInstances(model, where);
          }
          if (matches.isEmpty()) {
            return new UpsertResult(create(model, data.forCreate(), tx), true);
          }
          Object id = EntityIds.of(model, matches.get(0));
          if (id == null) {
            // What updateAttributes answers for a null id: a row whose id column holds NULL.
            throw ConnectorErrors.invalidId(model, null);
          }
          return new UpsertResult(updateAttributes(model, id, data.patch(), tx), false);
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
