package io.connectorkit.connector.postgresql;

import io.connectorkit.connector.sql.JdbcDialect;
import io.connectorkit.connector.sql.SqlArray;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.sql.ParameterizedSql;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL 12 and later. Strings compare by code point, case-sensitively and without padding
 * under the {@code "C"} collation (UTF-8 byte order is code point order): tables that migration
 * creates declare their text columns {@code COLLATE "C"}, and other columns are compared through
 * {@code col COLLATE "C"}. PostgreSQL sorts NULL last ascending, so order keys say {@code NULLS
 * FIRST} / {@code NULLS LAST} explicitly (C4.2).
 */
final class PostgresDialect implements JdbcDialect {
  /** LoopBack's naming: lower-case table and column names unless a section names them (C1.2). */
  private final boolean lowerCaseNames;

  /** LoopBack's naming, as loopback-connector-postgresql: lower-case default names. */
  PostgresDialect() {
    this(true);
  }

  /**
   * @param lowerCaseNames false for the {@code exactCaseNames: true} datasource setting: default
   *     names keep the model's and property's case
   */
  PostgresDialect(boolean lowerCaseNames) {
    this.lowerCaseNames = lowerCaseNames;
  }

  @Override
  public String defaultName(String name) {
    return lowerCaseNames ? name.toLowerCase(java.util.Locale.ROOT) : name;
  }

  @Override
  public String socketTimeout(int millis) {
    // pgjdbc's socketTimeout is in seconds.
    return String.valueOf(Math.max(1, millis / 1000));
  }

  /** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1 bytes). */
  static final int MAX_IDENTIFIER_BYTES = 63;

  @Override
  public String settingsKey() {
    return "postgresql";
  }

  /**
   * {@code column = ANY(?)} with one array parameter, for lists of every length: pgjdbc binds at
   * most 65,535 parameters per statement, and one statement shape for every list length lets the
   * server reuse its plan. The array's element type is what pgjdbc would give each value alone
   * ({@code int8} for whole numbers, so an index on a {@code bigint} column still serves).
   */
  @Override
  public @Nullable ParameterizedSql inArray(
      String column, PropertyType.Kind kind, List<Object> values, boolean negated) {
    List<Object> elements = values;
    String type;
    switch (kind) {
      case STRING -> type = "text";
      case BOOLEAN -> type = "bool";
      case DATE -> type = "timestamp";
      case NUMBER -> {
        if (values.stream().allMatch(Long.class::isInstance)) {
          type = "int8";
        } else {
          type = "float8";
          elements = values.stream().map(v -> (Object) ((Number) v).doubleValue()).toList();
        }
      }
      default -> {
        return null;
      }
    }
    String condition = column + " = ANY(" + placeholder() + ")";
    return ParameterizedSql.of(
        negated ? "NOT (" + condition + ")" : condition, new SqlArray(type, elements));
  }

  /** Longer names would be truncated by the server without a word. */
  @Override
  public @Nullable String identifierProblem(String name) {
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    return bytes > MAX_IDENTIFIER_BYTES
        ? "is "
            + bytes
            + " bytes long in UTF-8; PostgreSQL keeps "
            + MAX_IDENTIFIER_BYTES
            + " and would truncate it"
        : null;
  }

  /**
   * PostgreSQL text cannot hold NUL (U+0000), and its timestamps read the years 1 to 9999 in the
   * form they are bound in (there is no year 0; earlier years are written "BC").
   */
  @Override
  public @Nullable String valueProblem(PropertyDefinition property, Object value) {
    if (value instanceof String text && text.indexOf('\0') >= 0) {
      return "holds a NUL character (U+0000) at index "
          + text.indexOf('\0')
          + ", which PostgreSQL text cannot store";
    }
    if (value instanceof Instant instant) {
      int year = instant.atOffset(ZoneOffset.UTC).getYear();
      if (year < 1 || year > 9999) {
        return "is a date in year " + year + "; PostgreSQL stores the years 1 to 9999";
      }
    }
    return null;
  }

  @Override
  public String exactString(String column) {
    return column + " COLLATE \"C\"";
  }

  /** {@code E'\\'} is one backslash whatever {@code standard_conforming_strings} says. */
  @Override
  public String likeEscape() {
    return " ESCAPE E'\\\\'";
  }

  @Override
  public String orderKey(String column, boolean descending) {
    return column + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");
  }

  /** Characters with a meaning in {@code java.util.regex} outside a class. */
  private static final String REGEX_METACHARACTERS = "\\^$.|?*+()[]{}";

  /**
   * A regexp that is only literal characters, optionally after a leading {@code ^}, and has no
   * {@code i} flag, finds a match exactly when the string contains the literal (starts with it,
   * with {@code ^}): that is {@code LIKE '%literal%'} ({@code 'literal%'}) with {@code %}, {@code
   * _} and {@code \} escaped, case-sensitive under the {@code "C"} comparison. Any other regexp is
   * left to the core: PostgreSQL's own {@code ~} is POSIX ARE, whose classes, anchors, {@code .}
   * and case folding differ from {@code java.util.regex}. Under {@code m}, a {@code ^} also matches
   * after line terminators, so it is not translated; {@code s} changes nothing here.
   */
  @Override
  public @Nullable String regexp(String column, Regexp regexp) {
    return likeOfRegexp(regexp) == null ? null : column + " LIKE ?" + likeEscape();
  }

  @Override
  public Object regexpParameter(Regexp regexp) {
    String like = likeOfRegexp(regexp);
    if (like == null) {
      throw new IllegalStateException("not a pushable regexp: " + regexp);
    }
    return like;
  }

  /** The LIKE pattern equivalent to a literal regexp, or null. */
  static @Nullable String likeOfRegexp(Regexp regexp) {
    if (regexp.caseInsensitive()) {
      return null;
    }
    String pattern = regexp.pattern();
    boolean anchored = pattern.startsWith("^");
    if (anchored) {
      if (regexp.flags().indexOf('m') >= 0) {
        return null;
      }
      pattern = pattern.substring(1);
    }
    StringBuilder like = new StringBuilder(anchored ? "" : "%");
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (REGEX_METACHARACTERS.indexOf(c) >= 0) {
        return null;
      }
      if (c == '%' || c == '_') {
        like.append('\\');
      }
      like.append(c);
    }
    return like.append('%').toString();
  }

  /**
   * One row takes {@code DEFAULT VALUES}; several select that many empty rows, which insert each
   * column's default.
   */
  @Override
  public String insertWithoutColumns(String quotedTable, int rows) {
    if (rows == 1) {
      return "INSERT INTO " + quotedTable + " DEFAULT VALUES";
    }
    return "INSERT INTO " + quotedTable + " SELECT FROM generate_series(1, " + rows + ")";
  }

  @Override
  public String columnType(PropertyDefinition property, boolean keyed) {
    Map<String, Object> section = property.connectorSettings(settingsKey());
    Object dataType = section.get("dataType");
    if (dataType instanceof String type && type.matches("[A-Za-z][A-Za-z0-9 ]*")) {
      Object length = section.get("dataLength");
      Object precision = section.get("dataPrecision");
      Object scale = section.get("dataScale");
      if (precision instanceof Number p) {
        return type
            + "("
            + p.intValue()
            + (scale instanceof Number s ? "," + s.intValue() : "")
            + ")";
      }
      if (length instanceof Number l) {
        return type + "(" + l.intValue() + ")";
      }
      return type;
    }
    return switch (property.type().kind()) {
      case STRING -> {
        Integer length = property.length();
        yield (length != null && length > 0 && length <= 10_485_760
                ? "VARCHAR(" + length + ")"
                : "TEXT")
            + " COLLATE \"C\"";
      }
      case NUMBER ->
          property.isId() && property.generated()
              ? "BIGINT"
              // Integers exact to 2^53 and fractions as IEEE doubles (C2).
              : "DOUBLE PRECISION";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "TIMESTAMP(3)";
      case BUFFER -> "BYTEA";
        // json, not jsonb: the text is kept as written, so documents round-trip exactly.
      case OBJECT, ARRAY, ANY -> "JSON";
    };
  }

  @Override
  public String columnCommentStatement(String quotedTable, String quotedColumn, String text) {
    return "COMMENT ON COLUMN "
        + quotedTable
        + "."
        + quotedColumn
        + " IS E'"
        + text.replace("\\", "\\\\").replace("'", "\\'")
        + "'";
  }

  @Override
  public boolean inlineIndexes() {
    return false;
  }

  /**
   * Index names are unique per schema in PostgreSQL: the table qualifies them ({@code
   * people_email}); a name past 63 bytes ends in a hash instead of being truncated by the server.
   */
  @Override
  public String indexName(String table, String index) {
    String name = table + "_" + index;
    if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES) {
      return name;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      String suffix = "_" + HexFormat.of().formatHex(hash, 0, 8);
      StringBuilder prefix = new StringBuilder();
      int budget = MAX_IDENTIFIER_BYTES - suffix.length();
      for (int i = 0; i < name.length(); ) {
        int cp = name.codePointAt(i);
        String ch = new String(Character.toChars(cp));
        budget -= ch.getBytes(StandardCharsets.UTF_8).length;
        if (budget < 0) {
          break;
        }
        prefix.append(ch);
        i += Character.charCount(cp);
      }
      return prefix + suffix;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code getObject} gives a {@code java.sql.Timestamp} built in the JVM's time zone, which shifts
   * wall times that zone skips (02:30 on a spring-forward day); {@code LocalDateTime} and {@code
   * OffsetDateTime} are read from the server's text as is.
   */
  @Override
  public @Nullable Object readDate(ResultSet rs, int index) throws SQLException {
    return switch (rs.getMetaData().getColumnTypeName(index)) {
      case "timestamp" -> rs.getObject(index, LocalDateTime.class);
      case "timestamptz" -> rs.getObject(index, OffsetDateTime.class);
      case "date" -> rs.getObject(index, LocalDate.class);
      default -> rs.getObject(index);
    };
  }

  @Override
  public String currentSchema() {
    return "CURRENT_SCHEMA";
  }

  @Override
  public String columnsQuery() {
    return "SELECT c.column_name, c.data_type, c.udt_name AS column_type,"
        + " c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.is_nullable,"
        + " CASE WHEN c.is_identity = 'YES' OR c.column_default LIKE 'nextval(%'"
        + " THEN 'auto_increment' ELSE '' END AS extra,"
        + " col_description(a.attrelid, a.attnum) AS column_comment,"
        + " co.collname AS collation_name"
        + " FROM information_schema.columns c"
        + " JOIN pg_catalog.pg_namespace n ON n.nspname = c.table_schema"
        + " JOIN pg_catalog.pg_class t ON t.relnamespace = n.oid AND t.relname = c.table_name"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attname = c.column_name"
        + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
        + " WHERE c.table_schema = CURRENT_SCHEMA AND c.table_name = ?"
        + " ORDER BY c.ordinal_position";
  }

  @Override
  public String indexesQuery() {
    return "SELECT i.relname AS index_name,"
        + " CASE WHEN x.indisunique THEN 0 ELSE 1 END AS non_unique,"
        + " a.attname AS column_name"
        + " FROM pg_catalog.pg_index x"
        + " JOIN pg_catalog.pg_class t ON t.oid = x.indrelid"
        + " JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
        + " CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
        + " WHERE n.nspname = CURRENT_SCHEMA AND t.relname = ? AND NOT x.indisprimary"
        + " ORDER BY i.relname, k.ord";
  }

  @Override
  public String foreignKeysQuery() {
    return "SELECT a.attname AS column_name, k.ord AS ordinal_position,"
        + " c.conname AS constraint_name, fn.nspname AS referenced_table_schema,"
        + " ft.relname AS referenced_table_name, fa.attname AS referenced_column_name"
        + " FROM pg_catalog.pg_constraint c"
        + " JOIN pg_catalog.pg_class t ON t.oid = c.conrelid"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
        + " JOIN pg_catalog.pg_class ft ON ft.oid = c.confrelid"
        + " JOIN pg_catalog.pg_namespace fn ON fn.oid = ft.relnamespace"
        + " CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(attnum, fattnum, ord)"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum"
        + " JOIN pg_catalog.pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.fattnum"
        + " WHERE c.contype = 'f' AND n.nspname = CURRENT_SCHEMA AND t.relname = ?"
        + " ORDER BY c.conname, k.ord";
  }

  @Override
  public String maintenanceDatabase() {
    return "postgres";
  }

  @Override
  public ParameterizedSql databaseExistsQuery(String database) {
    return ParameterizedSql.of("SELECT 1 FROM pg_database WHERE datname = ?", database);
  }

  @Override
  public String createDatabaseSql(String quotedDatabase) {
    return "CREATE DATABASE " + quotedDatabase + " ENCODING 'UTF8' TEMPLATE template0";
  }

  /** 42P04: another process created it meanwhile. */
  @Override
  public boolean isDatabaseExists(SQLException e) {
    return "42P04".equals(e.getSQLState());
  }

  /** The driver's generated keys would return every column, in table order. */
  @Override
  public boolean returning() {
    return true;
  }

  /**
   * {@code ON CONFLICT (id) DO UPDATE … RETURNING}: atomic, and only the primary key's conflict is
   * handled (another unique index still fails). {@code xmax} is 0 exactly on a row version that
   * this statement inserted.
   */
  @Override
  public ParameterizedSql upsert(
      ParameterizedSql insert, String quotedIds, ParameterizedSql assignments, String returning) {
    return insert
        .append(" ON CONFLICT (" + quotedIds + ") DO UPDATE SET ")
        .append(assignments)
        .append(" RETURNING " + returning + ", (xmax = 0)");
  }

  /**
   * An identity column does not follow explicit values: inserts that choose an id lock the table
   * against other writers, so that no identity value is drawn before {@link #advanceGenerated}.
   */
  @Override
  public String lockForChosenIds(String quotedTable) {
    return "LOCK TABLE " + quotedTable + " IN SHARE ROW EXCLUSIVE MODE";
  }

  @Override
  public ParameterizedSql advanceGenerated(String quotedTable, String column, long highest) {
    return ParameterizedSql.of(
        "SELECT setval(s, GREATEST(?, COALESCE(pg_sequence_last_value(s), 0)))"
            + " FROM (SELECT pg_get_serial_sequence(?, ?)::regclass AS s) q"
            + " WHERE s IS NOT NULL",
        highest,
        quotedTable,
        column);
  }

  /**
   * A transaction-scoped advisory lock ({@code pg_advisory_xact_lock}) keyed by the first 8 bytes
   * of a SHA-256 of the name; in a transaction of its own, {@code lock_timeout} first ({@code SET
   * LOCAL} would outlive the call in a caller's transaction).
   */
  @Override
  public List<ParameterizedSql> lockTable(String name, int timeoutMillis, boolean ownTransaction) {
    long key;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      key = ByteBuffer.wrap(hash).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ParameterizedSql lock =
        ParameterizedSql.of("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) q", key);
    return ownTransaction
        ? List.of(
            ParameterizedSql.of(
                "SELECT 1 FROM (SELECT set_config('lock_timeout', ?, true)) q",
                timeoutMillis + "ms"),
            lock)
        : List.of(lock);
  }

  /** {@code C} and {@code POSIX} compare UTF-8 bytes, which is code point order. */
  @Override
  public boolean exactCollation(String collation) {
    return "C".equals(collation) || "POSIX".equals(collation);
  }

  @Override
  public PropertyType discoveredType(String dataType, @Nullable String columnType) {
    return switch (dataType) {
      case "smallint", "integer", "bigint", "numeric", "real", "double precision" ->
          PropertyType.NUMBER;
      case "boolean" -> PropertyType.BOOLEAN;
      case "date", "timestamp without time zone", "timestamp with time zone" -> PropertyType.DATE;
      case "bytea" -> PropertyType.BUFFER;
      case "json", "jsonb" -> PropertyType.ANY;
      default -> PropertyType.STRING;
    };
  }

  /**
   * SQLStates: 23505 unique violation; 57014 statement cancelled (statement_timeout) and 55P03 lock
   * not available (lock_timeout); connection classes 08 and 28, 3D000 (no such database), 53300
   * (too many connections), 57P01-57P03 (server shutting down or starting).
   */
  @Override
  public ErrorCode errorCode(SQLException e) {
    String state = e.getSQLState();
    if (state != null) {
      switch (state) {
        case "23505":
          return ErrorCode.DUPLICATE_KEY;
        case "57014", "55P03":
          return ErrorCode.TIMEOUT;
        case "3D000", "53300", "57P01", "57P02", "57P03":
          return ErrorCode.CONNECTION_FAILED;
        default:
          break;
      }
    }
    return JdbcDialect.super.errorCode(e);
  }

  @Override
  public io.connectorkit.connector.sql.DiscoveryCatalog discoveryCatalog() {
    return new PostgresDiscoveryCatalog();
  }
}
