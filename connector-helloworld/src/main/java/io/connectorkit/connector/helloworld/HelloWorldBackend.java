package io.connectorkit.connector.helloworld;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the remote system a real connector talks to (a SaaS API, a database server). It
 * knows nothing of ConnectorKit: it has accounts, tables with column metadata and rows, and a tiny
 * API whose only way to pick rows is by primary key. {@link HelloWorldConnector} is the glue
 * between this API and the connector SPI — the part a connector author writes.
 *
 * <p>Seeded like LoopBack's hello world article: one account and a table {@code greetings} holding
 * {@code {id: 1, name: "hello"}} and {@code {id: 2, name: "world"}}. Thread-safe: every call locks
 * the backend, as a server would serialise writes to one table.
 */
final class HelloWorldBackend {
  /** The seeded account's user name. */
  static final String DEMO_USER = "demo";

  /** The seeded account's password. */
  static final String DEMO_PASSWORD = "s3cret";

  private final Map<String, String> accounts = new LinkedHashMap<>();
  private final Map<String, Table> tables = new LinkedHashMap<>();

  /** A column of a table, as the backend describes it. */
  record Column(
      String name,
      String type,
      int keySeq,
      boolean generated,
      boolean required,
      @Nullable Integer length) {
    Column {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
    }
  }

  /** Why a backend call failed; the connector maps each reason to a contract error code. */
  enum Reason {
    UNAUTHORIZED,
    NO_SUCH_TABLE,
    NOT_FOUND,
    DUPLICATE,
    BAD_REQUEST
  }

  /** A failed backend call, as a remote API would answer it: a reason and a message. */
  static final class BackendException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    BackendException(Reason reason, String message) {
      super(message);
      this.reason = requireNonNull(reason, "reason is null");
    }

    Reason reason() {
      return reason;
    }
  }

  /** The backend of the article: account {@code demo}, table {@code greetings} with two rows. */
  static HelloWorldBackend seeded() {
    HelloWorldBackend backend = new HelloWorldBackend();
    backend.addAccount(DEMO_USER, DEMO_PASSWORD);
    backend.createTable(
        "greetings",
        List.of(
            new Column("id", "number", 1, true, false, null),
            new Column("name", "string", 0, false, true, 100)),
        List.of());
    Session admin = backend.login(DEMO_USER, DEMO_PASSWORD);
    admin.insert("greetings", Map.of("id", 1L, "name", "hello"));
    admin.insert("greetings", Map.of("id", 2L, "name", "world"));
    return backend;
  }

  synchronized void addAccount(String user, String password) {
    accounts.put(
        requireNonNull(user, "user is null"), requireNonNull(password, "password is null"));
  }

  /**
   * Logs in; every other call goes through the returned session.
   *
   * @throws BackendException UNAUTHORIZED for an unknown user or a wrong password (the message
   *     never repeats the password)
   */
  synchronized Session login(String user, String password) {
    if (user == null || password == null || !password.equals(accounts.get(user))) {
      throw new BackendException(Reason.UNAUTHORIZED, "invalid user name or password");
    }
    return new Session(user);
  }

  /** Creates a table, or replaces the column metadata and unique keys of an existing one. */
  synchronized void createTable(String name, List<Column> columns, List<List<String>> uniqueKeys) {
    Table existing = tables.get(name);
    Table table = new Table(name, columns, uniqueKeys);
    if (existing != null) {
      table.rows.putAll(existing.rows);
      table.lastId = existing.lastId;
    }
    tables.put(name, table);
  }

  /** The API of a logged-in user. */
  final class Session {
    private final String user;

    private Session(String user) {
      this.user = user;
    }

    String user() {
      return user;
    }

    /** The table names, in creation order. */
    List<String> tables() {
      synchronized (HelloWorldBackend.this) {
        return List.copyOf(HelloWorldBackend.this.tables.keySet());
      }
    }

    /** The columns of a table, in order. */
    List<Column> columns(String table) {
      synchronized (HelloWorldBackend.this) {
        return List.copyOf(table(table).columns.values());
      }
    }

    /**
     * Creates a table (or updates its metadata, keeping its rows).
     *
     * @param uniqueKeys column lists whose values two rows may not share
     */
    void createTable(String table, List<Column> columns, List<List<String>> uniqueKeys) {
      HelloWorldBackend.this.createTable(table, columns, uniqueKeys);
    }

    /**
     * Inserts a row; a missing single numeric primary key is generated (greater than every key the
     * table ever held).
     *
     * @return the stored row
     */
    Map<String, Object> insert(String table, Map<String, Object> row) {
      synchronized (HelloWorldBackend.this) {
        return copy(table(table).insert(copy(row)));
      }
    }

    /** The rows with these primary keys, or every row when {@code keys} is null. */
    List<Map<String, Object>> select(String table, @Nullable Collection<List<Object>> keys) {
      synchronized (HelloWorldBackend.this) {
        Table t = table(table);
        List<Map<String, Object>> rows = new ArrayList<>();
        t.matching(keys).forEach(key -> rows.add(copy(Table.visible(t.row(key)))));
        return rows;
      }
    }

    /**
     * Sets the values of {@code patch} on the rows with these keys (every row when null).
     *
     * @return the number of rows changed
     */
    long update(String table, @Nullable Collection<List<Object>> keys, Map<String, Object> patch) {
      synchronized (HelloWorldBackend.this) {
        Table t = table(table);
        List<List<Object>> matching = t.matching(keys);
        for (List<Object> key : matching) {
          Map<String, Object> changed = new LinkedHashMap<>(t.row(key));
          changed.putAll(copy(patch));
          t.replace(key, changed);
        }
        return matching.size();
      }
    }

    /**
     * Patches (or, with {@code replace}, replaces) the row with a primary key.
     *
     * @return the stored row
     * @throws BackendException NOT_FOUND when no row has the key
     */
    Map<String, Object> write(
        String table, List<Object> key, Map<String, Object> values, boolean replace) {
      synchronized (HelloWorldBackend.this) {
        Table t = table(table);
        List<Object> stored = normalize(key);
        Map<String, Object> row = t.rows.get(stored);
        if (row == null) {
          throw new BackendException(
              Reason.NOT_FOUND, "no row with key " + show(key) + " in " + table);
        }
        Map<String, Object> changed = new LinkedHashMap<>(replace ? Map.of() : row);
        changed.putAll(copy(values));
        t.primaryKey().forEach(column -> changed.putIfAbsent(column, row.get(column)));
        return copy(t.replace(stored, changed));
      }
    }

    /**
     * Deletes the rows with these keys (every row when null).
     *
     * @return the number of rows deleted
     */
    long delete(String table, @Nullable Collection<List<Object>> keys) {
      synchronized (HelloWorldBackend.this) {
        Table t = table(table);
        List<List<Object>> matching = t.matching(keys);
        matching.forEach(t.rows::remove);
        return matching.size();
      }
    }
  }

  private Table table(String name) {
    Table table = tables.get(name);
    if (table == null) {
      throw new BackendException(Reason.NO_SUCH_TABLE, "table " + name + " does not exist");
    }
    return table;
  }

  /** One table: column metadata, unique keys and rows by primary key, in insertion order. */
  private static final class Table {
    final String name;
    final Map<String, Column> columns = new LinkedHashMap<>();
    final List<List<String>> uniqueKeys;
    final Map<List<Object>, Map<String, Object>> rows = new LinkedHashMap<>();
    long lastId;
    long rowCounter;

    Table(String name, List<Column> columns, List<List<String>> uniqueKeys) {
      this.name = name;
      columns.forEach(column -> this.columns.put(column.name(), column));
      this.uniqueKeys = List.copyOf(uniqueKeys);
    }

    /** The row of a key {@link #matching} returned. */
    Map<String, Object> row(List<Object> key) {
      return requireNonNull(rows.get(key), "row is null");
    }

    List<String> primaryKey() {
      return columns.values().stream()
          .filter(column -> column.keySeq() > 0)
          .sorted((a, b) -> Integer.compare(a.keySeq(), b.keySeq()))
          .map(Column::name)
          .toList();
    }

    /** A column of {@link #primaryKey}, which lists columns of the table. */
    private Column column(String name) {
      return requireNonNull(columns.get(name), "column is null");
    }

    /** The key of a row: its primary key values; a row counter for a table without one. */
    List<Object> keyOf(Map<String, Object> row) {
      List<String> primaryKey = primaryKey();
      if (primaryKey.isEmpty()) {
        return normalize(List.of("#row", row.get("#row")));
      }
      List<Object> key = new ArrayList<>(primaryKey.size());
      primaryKey.forEach(column -> key.add(row.get(column)));
      return normalize(key);
    }

    Map<String, Object> insert(Map<String, Object> row) {
      List<String> primaryKey = primaryKey();
      if (primaryKey.isEmpty()) {
        row.put("#row", ++rowCounter); // a hidden row id, as some databases have
      } else if (primaryKey.size() == 1
          && row.get(primaryKey.get(0)) == null
          && column(primaryKey.get(0)).type().equals("number")) {
        row.put(primaryKey.get(0), ++lastId);
      }
      for (String column : primaryKey) {
        if (row.get(column) == null) {
          throw new BackendException(
              Reason.BAD_REQUEST, "primary key column " + column + " of " + name + " is null");
        }
      }
      List<Object> key = keyOf(row);
      if (rows.containsKey(key)) {
        throw new BackendException(Reason.DUPLICATE, "duplicate primary key " + show(key));
      }
      checkUnique(key, row);
      observe(key);
      rows.put(key, row);
      return visible(row);
    }

    /** Stores a changed row under its (possibly new) key. */
    Map<String, Object> replace(List<Object> oldKey, Map<String, Object> row) {
      List<Object> key = keyOf(row);
      if (!key.equals(oldKey) && rows.containsKey(key)) {
        throw new BackendException(Reason.DUPLICATE, "duplicate primary key " + show(key));
      }
      checkUnique(oldKey, row);
      rows.remove(oldKey);
      observe(key);
      rows.put(key, row);
      return visible(row);
    }

    private void observe(List<Object> key) {
      if (key.size() == 1 && key.get(0) instanceof Long id) {
        lastId = Math.max(lastId, id);
      }
    }

    private void checkUnique(List<Object> self, Map<String, Object> row) {
      for (List<String> unique : uniqueKeys) {
        List<Object> values = new ArrayList<>();
        unique.forEach(column -> values.add(row.get(column)));
        if (values.contains(null)) {
          continue; // nulls never collide
        }
        for (Map.Entry<List<Object>, Map<String, Object>> other : rows.entrySet()) {
          if (other.getKey().equals(self)) {
            continue;
          }
          List<Object> theirs = new ArrayList<>();
          unique.forEach(column -> theirs.add(other.getValue().get(column)));
          if (normalize(theirs).equals(normalize(values))) {
            throw new BackendException(
                Reason.DUPLICATE,
                "duplicate value " + show(values) + " for unique key " + unique + " of " + name);
          }
        }
      }
    }

    /** The stored keys among {@code keys} (every key when null), without duplicates. */
    List<List<Object>> matching(@Nullable Collection<List<Object>> keys) {
      if (keys == null) {
        return List.copyOf(rows.keySet());
      }
      return keys.stream()
          .map(HelloWorldBackend::normalize)
          .distinct()
          .filter(rows::containsKey)
          .toList();
    }

    /** The row without the hidden row id, which callers never see. */
    static Map<String, Object> visible(Map<String, Object> row) {
      if (!row.containsKey("#row")) {
        return row;
      }
      Map<String, Object> visible = new LinkedHashMap<>(row);
      visible.remove("#row");
      return visible;
    }
  }

  /** Key values comparable with equals: integral numbers as Long, byte arrays by content. */
  private static List<Object> normalize(List<Object> key) {
    List<Object> normalized = new ArrayList<>(key.size());
    for (Object value : key) {
      if (value instanceof Number number
          && !(value instanceof Long)
          && number.doubleValue() == Math.rint(number.doubleValue())
          && Math.abs(number.doubleValue()) < 0x1p63) {
        normalized.add(number.longValue());
      } else if (value instanceof Number number && !(value instanceof Long)) {
        normalized.add(number.doubleValue());
      } else if (value instanceof byte[] bytes) {
        normalized.add(ByteBuffer.wrap(bytes.clone()));
      } else {
        normalized.add(value);
      }
    }
    return normalized;
  }

  private static String show(List<Object> values) {
    List<String> shown = new ArrayList<>();
    values.forEach(value -> shown.add(String.valueOf(value)));
    return shown.size() == 1 ? shown.get(0) : shown.toString();
  }

  /** A deep copy, so that no caller shares a mutable value with the store. */
  @SuppressWarnings("unchecked")
  private static <T> T copy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(copy(item)));
      return (T) copy;
    }
    if (value instanceof byte[] bytes) {
      return (T) bytes.clone();
    }
    return value;
  }
}
