package io.connectorkit.bench;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The mysql connector's DAO next to hand-written JDBC on a HikariCP pool configured as the
 * connector configures its own (same driver properties, pool size and timeouts), on the same
 * tables.
 *
 * <p>The baseline is what a careful pool user writes: a connection per operation, a {@code
 * prepareStatement} per call with the driver's statement cache on ({@code cachePrepStmts}, as the
 * connector sets it), rows mapped to a {@code Map} per row with the same values the connector gives
 * (numbers from DOUBLE columns as Long when integral), and the same statements the connector sends:
 * the same WHERE, ORDER BY (with the id tie-break) and LIMIT, and the same one multi-row INSERT for
 * a batch.
 *
 * <p>The server: {@code CK_MYSQL_URL}'s host, port and credentials (the project's override), else
 * root without a password at 127.0.0.1:3306; always our own database, created if absent.
 */
final class MySqlPair implements AutoCloseable {
  static final int POOL_SIZE = 10;
  private static final String SELECT =
      "SELECT id, name, category, n, price, active FROM " + Items.MODEL;
  private static final String FIND_BY_ID = SELECT + " WHERE id = ?";
  private static final String FIND =
      SELECT + " WHERE category = ? AND n >= ? ORDER BY n, id LIMIT ?";
  private static final String INSERT_INTO =
      "INSERT INTO " + Items.WRITE_MODEL + " (name, category, n, price, active) VALUES ";
  private static final String INSERT = INSERT_INTO + "(?, ?, ?, ?, ?)";
  private static final String INSERT_BATCH =
      INSERT_INTO
          + String.join(", ", java.util.Collections.nCopies(Items.BATCH, "(?, ?, ?, ?, ?)"));
  private static final double MAX_EXACT = 9007199254740992d; // 2^53

  private final DataSource db;
  private final Dao items;
  private final Dao writes;
  private final HikariDataSource pool;

  /**
   * Opens both sides on {@code database} and (re)creates its tables: {@link Items#ROWS} items, an
   * empty write table.
   */
  MySqlPair(String database) {
    Server server = Server.fromEnvironment();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("connector", "mysql");
    settings.put("host", server.host());
    settings.put("port", server.port());
    settings.put("user", server.user());
    settings.put("password", server.password());
    settings.put("database", database);
    settings.put("createDatabase", true);
    settings.put("connectionLimit", POOL_SIZE);
    db = DataSources.create("bench-mysql", settings);
    String id = "{\"type\": \"number\", \"id\": true, \"generated\": true}";
    db.define(Items.modelJson(Items.MODEL, id, true));
    db.define(Items.modelJson(Items.WRITE_MODEL, id, true));
    db.automigrate(Items.MODEL, Items.WRITE_MODEL);
    items = db.dao(Items.MODEL);
    writes = db.dao(Items.WRITE_MODEL);
    items.createAll(Items.all());
    pool = new HikariDataSource(rawPoolConfig(server, database));
  }

  /** The connector's pool configuration (MySqlConnectorFactory and JdbcConnector), written out. */
  private static HikariConfig rawPoolConfig(Server server, String database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:mysql://" + server.host() + ":" + server.port() + "/" + database);
    config.setUsername(server.user());
    config.setPassword(server.password());
    Properties properties = new Properties();
    properties.setProperty("useAffectedRows", "false");
    properties.setProperty("cachePrepStmts", "true");
    properties.setProperty("prepStmtCacheSize", "250");
    properties.setProperty("prepStmtCacheSqlLimit", "2048");
    properties.setProperty("characterEncoding", "UTF-8");
    properties.setProperty("allowPublicKeyRetrieval", "true");
    properties.setProperty("connectTimeout", "10000");
    config.setDataSourceProperties(properties);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setValidationTimeout(5_000);
    config.setPoolName("bench-raw-jdbc");
    return config;
  }

  // ---------------------------------------------------------------- findById

  Optional<Map<String, Object>> daoFindById(long id) {
    return items.findById(id);
  }

  Optional<Map<String, Object>> rawFindById(long id) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(FIND_BY_ID)) {
      statement.setLong(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  // ---------------------------------------------------------------- find

  List<Map<String, Object>> daoFind() {
    return items.find(Items.QUERY);
  }

  List<Map<String, Object>> rawFind() throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(FIND)) {
      statement.setString(1, Items.CATEGORY);
      statement.setLong(2, Items.MIN_N);
      statement.setLong(3, Items.LIMIT);
      try (ResultSet rs = statement.executeQuery()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(row(rs));
        }
        return rows;
      }
    }
  }

  private static Map<String, Object> row(ResultSet rs) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", rs.getLong(1));
    row.put("name", rs.getString(2));
    row.put("category", rs.getString(3));
    row.put("n", number(rs, 4));
    row.put("price", number(rs, 5));
    boolean active = rs.getBoolean(6);
    row.put("active", rs.wasNull() ? null : active);
    return row;
  }

  /** A DOUBLE column as the contract shows a number: Long when integral and exact, else Double. */
  private static @Nullable Object number(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    if (rs.wasNull()) {
      return null;
    }
    return value == Math.rint(value) && Math.abs(value) <= MAX_EXACT
        ? (Object) (long) value
        : value;
  }

  // ---------------------------------------------------------------- create

  Map<String, Object> daoCreate(Map<String, Object> item) {
    return writes.create(item);
  }

  Map<String, Object> rawCreate(Map<String, Object> item) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
      bind(statement, 0, item);
      statement.executeUpdate();
      try (ResultSet keys = statement.getGeneratedKeys()) {
        keys.next();
        return created(keys.getLong(1), item);
      }
    }
  }

  List<Map<String, Object>> daoCreateAll(List<Map<String, Object>> batch) {
    return writes.createAll(batch);
  }

  List<Map<String, Object>> rawCreateAll(List<Map<String, Object>> batch) throws SQLException {
    if (batch.size() != Items.BATCH) {
      throw new IllegalArgumentException("the batch statement takes " + Items.BATCH + " rows");
    }
    try (Connection connection = pool.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(INSERT_BATCH, Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < batch.size(); i++) {
        bind(statement, i * Items.COLUMNS.length, batch.get(i));
      }
      statement.executeUpdate();
      List<Map<String, Object>> rows = new ArrayList<>(batch.size());
      try (ResultSet keys = statement.getGeneratedKeys()) {
        for (Map<String, Object> item : batch) {
          keys.next();
          rows.add(created(keys.getLong(1), item));
        }
      }
      return rows;
    }
  }

  private static void bind(PreparedStatement statement, int offset, Map<String, Object> item)
      throws SQLException {
    statement.setString(offset + 1, (String) item.get("name"));
    statement.setString(offset + 2, (String) item.get("category"));
    statement.setLong(offset + 3, (Long) requireNonNull(item.get("n"), "n is null"));
    statement.setDouble(offset + 4, (Double) requireNonNull(item.get("price"), "price is null"));
    statement.setBoolean(
        offset + 5, (Boolean) requireNonNull(item.get("active"), "active is null"));
  }

  private static Map<String, Object> created(long id, Map<String, Object> item) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    for (String column : Items.COLUMNS) {
      row.put(column, item.get(column));
    }
    return row;
  }

  /** A row of the write table, read through the DAO. */
  Optional<Map<String, Object>> daoFindWriteById(long id) {
    return writes.findById(id);
  }

  @Override
  public void close() {
    pool.close();
    db.close();
  }

  /** Where the MariaDB/MySQL server is and who we are on it. */
  record Server(String host, int port, String user, String password) {
    static Server fromEnvironment() {
      String url = System.getenv("CK_MYSQL_URL");
      if (url == null || url.isBlank()) {
        return new Server("127.0.0.1", 3306, "root", "");
      }
      URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
      String user = "root";
      String password = "";
      if (uri.getUserInfo() != null) {
        String[] parts = uri.getUserInfo().split(":", 2);
        user = parts[0];
        password = parts.length > 1 ? parts[1] : "";
      }
      return new Server(
          uri.getHost() == null ? "127.0.0.1" : uri.getHost(),
          uri.getPort() > 0 ? uri.getPort() : 3306,
          user,
          password);
    }

    @Override
    public String toString() {
      return user + "@" + host + ":" + port;
    }
  }
}
