package io.connectorkit.bench;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The SQL baseline: what a careful HikariCP user writes by hand. A connection per operation, a
 * prepared statement per call (the driver caches them), one statement per operation, rows mapped to
 * a map per row. Queries mean what the connector's mean: the same ORDER BY with the id tie-break
 * and the contract's NULLS order (C4.2), so the server does the same work for both.
 */
final class RawJdbcSide implements Side {
  /** What differs between MariaDB/MySQL and PostgreSQL in the statements below. */
  enum Flavor {
    MYSQL('`', " DESC", ""),
    POSTGRESQL('"', " DESC NULLS LAST", " ASC NULLS FIRST");

    final char quote;
    final String descending;
    final String ascending;

    Flavor(char quote, String descending, String ascending) {
      this.quote = quote;
      this.descending = descending;
      this.ascending = ascending;
    }

    String quote(String identifier) {
      return quote + identifier + quote;
    }
  }

  private final HikariDataSource pool;
  private final Flavor flavor;
  private final String table;
  private final String select;
  private final String insert;
  private final String findById;
  private final String find;
  private final String count;
  private final String countAll;
  private final String updateAll;
  private final String upsert;
  private final String deleteAll;
  private final Map<Integer, String> insertBatch = new java.util.concurrent.ConcurrentHashMap<>();
  private final LongAdder calls = new LongAdder();

  RawJdbcSide(HikariDataSource pool, Flavor flavor, String table) {
    this.pool = requireNonNull(pool, "pool is null");
    this.flavor = requireNonNull(flavor, "flavor is null");
    this.table = flavor.quote(requireNonNull(table, "table is null"));
    String id = flavor.quote("id");
    String name = flavor.quote("name");
    String email = flavor.quote("email");
    String city = flavor.quote("city");
    String age = flavor.quote("age");
    String columns = String.join(", ", name, email, city, age);
    select = "SELECT " + id + ", " + columns + " FROM " + this.table;
    insert = "INSERT INTO " + this.table + " (" + columns + ") VALUES ";
    findById = select + " WHERE " + id + " = ?";
    find =
        select
            + " WHERE "
            + age
            + " > ? AND "
            + city
            + " = ? ORDER BY "
            + age
            + flavor.descending
            + ", "
            + id
            + flavor.ascending
            + " LIMIT ?";
    count = "SELECT COUNT(*) FROM " + this.table + " WHERE " + city + " = ?";
    countAll = "SELECT COUNT(*) FROM " + this.table;
    updateAll = "UPDATE " + this.table + " SET " + age + " = ? WHERE " + city + " = ?";
    String upsertInsert =
        "INSERT INTO " + this.table + " (" + id + ", " + columns + ") VALUES (?, ?, ?, ?, ?)";
    upsert =
        flavor == Flavor.MYSQL
            ? upsertInsert
                + " ON DUPLICATE KEY UPDATE "
                + String.join(
                    ", ",
                    List.of(name, email, city, age).stream()
                        .map(c -> c + " = VALUES(" + c + ")")
                        .toList())
            : upsertInsert
                + " ON CONFLICT ("
                + id
                + ") DO UPDATE SET "
                + String.join(
                    ", ",
                    List.of(name, email, city, age).stream()
                        .map(c -> c + " = EXCLUDED." + c)
                        .toList());
    deleteAll = "DELETE FROM " + this.table + " WHERE " + city + " = ?";
  }

  @Override
  public String name() {
    return "raw";
  }

  @Override
  public void clear() {
    String truncate =
        "TRUNCATE TABLE " + table + (flavor == Flavor.POSTGRESQL ? " RESTART IDENTITY" : "");
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(truncate);
    } catch (SQLException e) {
      throw new IllegalStateException(truncate + ": " + e.getMessage(), e);
    }
  }

  private PreparedStatement prepareWithKeys(Connection connection, String sql) throws SQLException {
    return flavor == Flavor.POSTGRESQL
        ? connection.prepareStatement(sql, new String[] {"id"})
        : connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
  }

  @Override
  public Object create(Person person) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = prepareWithKeys(connection, insert + "(?, ?, ?, ?)")) {
      bind(statement, 0, person);
      calls.increment();
      statement.executeUpdate();
      try (ResultSet keys = statement.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw failed("create", e);
    }
  }

  @Override
  public List<Object> createAll(List<Person> people) {
    String sql =
        insertBatch.computeIfAbsent(
            people.size(), n -> insert + String.join(", ", Collections.nCopies(n, "(?, ?, ?, ?)")));
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = prepareWithKeys(connection, sql)) {
      for (int i = 0; i < people.size(); i++) {
        bind(statement, i * 4, people.get(i));
      }
      calls.increment();
      statement.executeUpdate();
      List<Object> ids = new ArrayList<>(people.size());
      try (ResultSet keys = statement.getGeneratedKeys()) {
        while (keys.next()) {
          ids.add(keys.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw failed("createAll", e);
    }
  }

  private static void bind(PreparedStatement statement, int offset, Person person)
      throws SQLException {
    statement.setString(offset + 1, person.name());
    statement.setString(offset + 2, person.email());
    statement.setString(offset + 3, person.city());
    statement.setDouble(offset + 4, (double) person.age());
  }

  @Override
  public Optional<Map<String, Object>> findById(Object id) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(findById)) {
      statement.setLong(1, (Long) id);
      calls.increment();
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("findById", e);
    }
  }

  @Override
  public List<Map<String, Object>> find(String city, long ageAbove, int limit) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(find)) {
      statement.setDouble(1, (double) ageAbove);
      statement.setString(2, city);
      statement.setInt(3, limit);
      calls.increment();
      try (ResultSet rs = statement.executeQuery()) {
        List<Map<String, Object>> rows = new ArrayList<>(limit);
        while (rs.next()) {
          rows.add(row(rs));
        }
        return rows;
      }
    } catch (SQLException e) {
      throw failed("find", e);
    }
  }

  /** A row as the connector shows it: integral DOUBLE values as Long (C2). */
  private static Map<String, Object> row(ResultSet rs) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", rs.getLong(1));
    row.put("name", rs.getString(2));
    row.put("email", rs.getString(3));
    row.put("city", rs.getString(4));
    double age = rs.getDouble(5);
    row.put("age", rs.wasNull() ? null : age == Math.rint(age) ? (Object) (long) age : age);
    return row;
  }

  @Override
  public long count(String city) {
    return countOf(count, city);
  }

  @Override
  public long countAll() {
    return countOf(countAll, null);
  }

  private long countOf(String sql, @Nullable String city) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      if (city != null) {
        statement.setString(1, city);
      }
      calls.increment();
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failed("count", e);
    }
  }

  @Override
  public long updateAll(String city, long age) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(updateAll)) {
      statement.setDouble(1, (double) age);
      statement.setString(2, city);
      calls.increment();
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failed("updateAll", e);
    }
  }

  @Override
  public Map<String, Object> upsert(Object id, Person person) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(upsert)) {
      statement.setLong(1, (Long) id);
      bind(statement, 1, person);
      calls.increment();
      statement.executeUpdate();
      return person.toMap(id);
    } catch (SQLException e) {
      throw failed("upsert", e);
    }
  }

  @Override
  public long deleteAll(String city) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(deleteAll)) {
      statement.setString(1, city);
      calls.increment();
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failed("deleteAll", e);
    }
  }

  @Override
  public long calls() {
    return calls.sum();
  }

  private static IllegalStateException failed(String operation, SQLException e) {
    return new IllegalStateException("raw " + operation + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    pool.close();
  }
}
