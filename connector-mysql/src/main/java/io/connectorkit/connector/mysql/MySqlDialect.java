package io.connectorkit.connector.mysql;

import io.connectorkit.connector.sql.JdbcDialect;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.sql.ParameterizedSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * MySQL 8 and MariaDB 10.x. Strings are compared by code point, case-sensitively and without
 * trailing-space padding: tables that migration creates use the server's binary no-pad collation
 * ({@code utf8mb4_nopad_bin} on MariaDB, {@code utf8mb4_0900_bin} on MySQL 8; plain {@code
 * utf8mb4_bin} pads, so {@code 'a' = 'a '} would hold); other columns are compared through {@code
 * CONVERT(… USING utf8mb4) COLLATE} that collation.
 */
final class MySqlDialect implements JdbcDialect {
  /** LIMIT without a limit: the largest value MySQL accepts, as its manual recommends. */
  private static final long NO_LIMIT = Long.MAX_VALUE;

  private volatile String binaryCollation = "utf8mb4_nopad_bin";

  /** Whether REGEXP is MariaDB's PCRE2 (MySQL 8's is ICU); false until the server is known. */
  private volatile boolean pcreRegexp;

  /** The longest table or column name, in characters. */
  static final int MAX_IDENTIFIER_CHARACTERS = 64;

  /** Set once the server flavour is known. */
  void useServer(boolean mariaDb) {
    this.binaryCollation = mariaDb ? "utf8mb4_nopad_bin" : "utf8mb4_0900_bin";
    this.pcreRegexp = mariaDb;
  }

  String binaryCollation() {
    return binaryCollation;
  }

  @Override
  public String settingsKey() {
    return "mysql";
  }

  /** MySQL's and MariaDB's rules for table and column names. */
  @Override
  public @Nullable String identifierProblem(String name) {
    int length = name.codePointCount(0, name.length());
    if (length > MAX_IDENTIFIER_CHARACTERS) {
      return "is " + length + " characters long; MySQL allows " + MAX_IDENTIFIER_CHARACTERS;
    }
    if (name.endsWith(" ")) {
      return "ends with a space, which MySQL does not allow";
    }
    if (name.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
      return "holds a character beyond U+FFFF, which MySQL names cannot hold";
    }
    return null;
  }

  /**
   * A {@code DATETIME} holds the years 0 to 9999 (NUL characters are stored as they are: MariaDB
   * keeps them byte for byte).
   */
  @Override
  public @Nullable String valueProblem(PropertyDefinition property, Object value) {
    if (value instanceof Instant instant) {
      int year = instant.atOffset(ZoneOffset.UTC).getYear();
      if (year < 0 || year > 9999) {
        return "is a date in year " + year + "; MySQL stores the years 0 to 9999";
      }
    }
    return null;
  }

  @Override
  public String quoteIdentifier(String name) {
    io.connectorkit.core.spi.sql.SqlDialect.checkIdentifier(name);
    return "`" + name.replace("`", "``") + "`";
  }

  @Override
  public ParameterizedSql pagination(long limit, long skip) {
    ParameterizedSql sql = ParameterizedSql.of(" LIMIT ?", limit == 0 ? NO_LIMIT : limit);
    return skip == 0 ? sql : sql.append(ParameterizedSql.of(" OFFSET ?", skip));
  }

  @Override
  public String nullSafeEquals(String column) {
    return column + " <=> ?";
  }

  @Override
  public String exactString(String column) {
    return "CONVERT(" + column + " USING utf8mb4) COLLATE " + binaryCollation;
  }

  /**
   * MariaDB's {@code REGEXP} (PCRE2, case-sensitive under the binary collation the column is
   * compared with) for the patterns {@link PcrePatterns} translates exactly; others are left to the
   * core. MySQL 8's {@code REGEXP} is ICU, not PCRE2: there every regexp is left to the core.
   */
  @Override
  public @Nullable String regexp(String column, Regexp regexp) {
    return pcreRegexp && PcrePatterns.translate(regexp) != null ? column + " REGEXP ?" : null;
  }

  @Override
  public Object regexpParameter(Regexp regexp) {
    String translated = PcrePatterns.translate(regexp);
    if (translated == null) {
      throw new IllegalStateException("not a pushable regexp: " + regexp);
    }
    return translated;
  }

  /**
   * {@code CHAR(92)} rather than {@code '\\'}: the meaning of a backslash in a string literal
   * depends on the server's {@code NO_BACKSLASH_ESCAPES} mode; the function call does not.
   */
  @Override
  public String likeEscape() {
    return " ESCAPE CHAR(92 USING utf8mb4)";
  }

  /** MySQL sorts NULL lowest: first ascending and last descending, as the contract wants. */
  @Override
  public String orderKey(String column, boolean descending) {
    return column + (descending ? " DESC" : " ASC");
  }

  /** Nested paths with more keys than this are left to the core (the SQL grows as 2^keys). */
  static final int MAX_JSON_PATH_KEYS = 3;

  /**
   * The most steps a JSON path may have on MariaDB (its JSON depth limit is 32, for paths and
   * documents alike; MySQL allows deeper documents, see the README).
   */
  private static final int JSON_PATH_STEP_LIMIT = 31;

  /**
   * Nested paths into JSON objects, exactly as the core's {@code FilterEvaluator} resolves them:
   * the candidates of {@code address.city} are the values that {@code $."city"} reaches, where any
   * step may also pass through an array ({@code $[*]."city"}: each element that is an object), and
   * a candidate that is an array also offers its elements, recursively through nested arrays (a
   * trailing {@code [*]}, {@code [*][*]}, …, up to the server's JSON depth limit). {@code
   * JSON_TABLE} turns the candidates into rows with their JSON type and unescaped string value,
   * which is compared under the binary no-pad collation (code point order). Pushed down, on string
   * operands only: {@code eq}/{@code neq}, {@code gt}/{@code gte}/{@code lt}/{@code lte}, {@code
   * between}, {@code inq}/{@code nin} (lists without null), and {@code exists}. A negative operator
   * is {@code NOT EXISTS} of its twin, so it is its exact complement. Left to the core: numbers
   * (JSON numbers compare as doubles in SQL, not exactly as the contract's longs), booleans, null
   * operands, patterns, and keys holding {@code "} or {@code \}.
   */
  @Override
  public @Nullable ParameterizedSql jsonPathCondition(
      String column, List<String> keys, Operator operator, @Nullable Object value) {
    if (keys.isEmpty() || keys.size() > MAX_JSON_PATH_KEYS) {
      return null;
    }
    for (String key : keys) {
      if (key.isEmpty() || key.indexOf('"') >= 0 || key.indexOf('\\') >= 0) {
        return null;
      }
    }
    switch (operator) {
      case EXISTS -> {
        if (!(value instanceof Boolean wanted)) {
          return null;
        }
        // exists looks at the candidates themselves: an empty array exists.
        ParameterizedSql exists =
            candidates(column, keys, false, ParameterizedSql.text("JSON_TYPE(ck.j) <> 'NULL'"));
        return wanted ? exists : ParameterizedSql.text("NOT ").append(exists);
      }
      case EQ, NEQ -> {
        if (!(value instanceof String)) {
          return null;
        }
        return negated(operator == Operator.NEQ, stringCandidate(column, keys, "ck.s = ?", value));
      }
      case GT, GTE, LT, LTE -> {
        if (value == null) {
          return ParameterizedSql.text(falseCondition());
        }
        if (!(value instanceof String)) {
          return null;
        }
        String op =
            switch (operator) {
              case GT -> ">";
              case GTE -> ">=";
              case LT -> "<";
              default -> "<=";
            };
        return stringCandidate(column, keys, "ck.s " + op + " ?", value);
      }
      case BETWEEN -> {
        if (!(value instanceof List<?> bounds) || bounds.size() != 2) {
          return null;
        }
        if (bounds.get(0) == null || bounds.get(1) == null) {
          return ParameterizedSql.text(falseCondition());
        }
        if (!(bounds.get(0) instanceof String) || !(bounds.get(1) instanceof String)) {
          return null;
        }
        return stringCandidate(column, keys, "ck.s BETWEEN ? AND ?", bounds.get(0), bounds.get(1));
      }
      case INQ, NIN -> {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof String)) {
          return null;
        }
        boolean negative = operator == Operator.NIN;
        if (list.isEmpty()) {
          return ParameterizedSql.text(negative ? trueCondition() : falseCondition());
        }
        String placeholders = String.join(", ", java.util.Collections.nCopies(list.size(), "?"));
        return negated(
            negative,
            stringCandidate(column, keys, "ck.s IN (" + placeholders + ")", list.toArray()));
      }
      default -> {
        return null;
      }
    }
  }

  private static ParameterizedSql negated(boolean negative, ParameterizedSql positive) {
    return negative ? ParameterizedSql.text("NOT ").append(positive) : positive;
  }

  /** Some candidate, or an element of a candidate array, is a string satisfying {@code test}. */
  private ParameterizedSql stringCandidate(
      String column, List<String> keys, String test, Object... values) {
    return candidates(
        column,
        keys,
        true,
        new ParameterizedSql("JSON_TYPE(ck.j) = 'STRING' AND " + test, List.of(values)));
  }

  /**
   * {@code EXISTS} a candidate row satisfying {@code test}, over columns {@code ck.j} (the JSON
   * value) and {@code ck.s} (a string's unescaped value, under the binary no-pad collation).
   */
  private ParameterizedSql candidates(
      String column, List<String> keys, boolean intoArrays, ParameterizedSql test) {
    List<Object> paths = jsonPaths(keys, intoArrays);
    // Two or more paths: JSON_EXTRACT then always answers an array of the matches (or NULL).
    String placeholders = String.join(", ", java.util.Collections.nCopies(paths.size(), "?"));
    return new ParameterizedSql(
            "EXISTS (SELECT 1 FROM JSON_TABLE(JSON_EXTRACT("
                + column
                + ", "
                + placeholders
                + "), '$[*]' COLUMNS (j JSON PATH '$', s LONGTEXT CHARACTER SET utf8mb4 COLLATE "
                + binaryCollation
                + " PATH '$' NULL ON ERROR)) ck WHERE ",
            paths)
        .append(test)
        .append(ParameterizedSql.text(")"));
  }

  /**
   * The JSON paths of a nested path's candidates: every key optionally reached through an array
   * ({@code [*]}), and with {@code intoArrays} each of those followed by as many {@code [*]} as
   * MariaDB's path depth limit allows (31 steps: a document is at most 32 levels deep there, so
   * nothing it can store lies deeper).
   */
  static List<Object> jsonPaths(List<String> keys, boolean intoArrays) {
    List<String> prefixes = new ArrayList<>(List.of("$"));
    List<Integer> steps = new ArrayList<>(List.of(0));
    for (String key : keys) {
      List<String> next = new ArrayList<>();
      List<Integer> nextSteps = new ArrayList<>();
      for (int i = 0; i < prefixes.size(); i++) {
        next.add(prefixes.get(i) + ".\"" + key + "\"");
        nextSteps.add(steps.get(i) + 1);
        next.add(prefixes.get(i) + "[*].\"" + key + "\"");
        nextSteps.add(steps.get(i) + 2);
      }
      prefixes = next;
      steps = nextSteps;
    }
    List<Object> paths = new ArrayList<>();
    for (int i = 0; i < prefixes.size(); i++) {
      StringBuilder path = new StringBuilder(prefixes.get(i));
      paths.add(path.toString());
      int trailing = intoArrays ? JSON_PATH_STEP_LIMIT - steps.get(i) : 0;
      for (int t = 0; t < trailing; t++) {
        paths.add(path.append("[*]").toString());
      }
    }
    return paths;
  }

  @Override
  public String insertWithoutColumns(String quotedTable, int rows) {
    return "INSERT INTO "
        + quotedTable
        + " () VALUES "
        + String.join(", ", java.util.Collections.nCopies(rows, "()"));
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
        if (length != null && length > 0 && length <= (keyed ? 768 : 16_000)) {
          yield "VARCHAR(" + length + ")";
        }
        // Unbounded text cannot be indexed without a prefix; 255 characters can (utf8mb4).
        yield keyed ? "VARCHAR(255)" : "MEDIUMTEXT";
      }
      case NUMBER ->
          property.isId() && property.generated()
              ? "BIGINT"
              // DOUBLE holds integers exactly up to 2^53 and fractions as IEEE doubles (C2).
              : "DOUBLE";
      case BOOLEAN -> "TINYINT(1)";
      case DATE -> "DATETIME(3)";
      case BUFFER -> "LONGBLOB";
      case OBJECT, ARRAY, ANY -> "LONGTEXT";
    };
  }

  @Override
  public String autoIncrement() {
    return " AUTO_INCREMENT";
  }

  @Override
  public String tableOptions() {
    return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=" + binaryCollation;
  }

  @Override
  public String columnComment(String text) {
    return " COMMENT '" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  @Override
  public String currentSchema() {
    return "DATABASE()";
  }

  @Override
  public String columnsQuery() {
    return "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH,"
        + " NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE, COLUMN_KEY, EXTRA,"
        + " COLUMN_COMMENT, COLLATION_NAME FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
  }

  @Override
  public String indexesQuery() {
    return "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS"
        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX";
  }

  @Override
  public String foreignKeysQuery() {
    return "SELECT COLUMN_NAME, ORDINAL_POSITION, CONSTRAINT_NAME, REFERENCED_TABLE_SCHEMA,"
        + " REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"
        + " FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE()"
        + " AND TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL"
        + " ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION";
  }

  @Override
  public String createDatabaseSql(String quotedDatabase) {
    return "CREATE DATABASE IF NOT EXISTS " + quotedDatabase + " CHARACTER SET utf8mb4";
  }

  /** Detects MariaDB, whose collation and REGEXP differ from MySQL 8's. */
  @Override
  public void onConnect(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
      useServer(rs.next() && rs.getString(1).contains("MariaDB"));
    }
  }

  /**
   * {@code GET_LOCK}: a session lock (released by {@link #resetSession} when the connection returns
   * to the pool, after the transaction ended), waiting whole seconds, at least one. Its name is at
   * most 64 characters, as GET_LOCK requires: a longer one is hashed.
   */
  @Override
  public List<ParameterizedSql> lockTable(String name, int timeoutMillis, boolean ownTransaction) {
    String lock = name;
    if (lock.length() > 64) {
      try {
        byte[] hash =
            MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        lock = "connectorkit:" + HexFormat.of().formatHex(hash, 0, 24);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return List.of(
        ParameterizedSql.of("SELECT GET_LOCK(?, ?)", lock, Math.max(1, timeoutMillis / 1000)));
  }

  @Override
  public boolean exactCollation(String collation) {
    if (collation == null) {
      return false;
    }
    String lower = collation.toLowerCase(Locale.ROOT);
    return lower.equals("utf8mb4_nopad_bin")
        || lower.equals("utf8mb4_0900_bin")
        || lower.equals("utf8mb3_nopad_bin")
        || lower.equals("utf8_nopad_bin");
  }

  @Override
  public PropertyType discoveredType(String dataType, @Nullable String columnType) {
    if ((dataType.equals("tinyint") && columnType != null && columnType.startsWith("tinyint(1)"))
        || (dataType.equals("bit") && columnType != null && columnType.equals("bit(1)"))) {
      return PropertyType.BOOLEAN;
    }
    return JdbcDialect.super.discoveredType(dataType, columnType);
  }

  @Override
  public ErrorCode errorCode(SQLException e) {
    switch (e.getErrorCode()) {
      case 1062, 1586, 1022:
        return ErrorCode.DUPLICATE_KEY;
      case 1205, 3024, 1969:
        return ErrorCode.TIMEOUT;
      case 1040, 1044, 1045, 1049, 1129, 1130, 2002, 2003, 2005, 2006, 2013:
        return ErrorCode.CONNECTION_FAILED;
      default:
        return JdbcDialect.super.errorCode(e);
    }
  }

  @Override
  public boolean isRetryable(SQLException e) {
    return e.getErrorCode() == 1213 || JdbcDialect.super.isRetryable(e);
  }

  /** Advisory locks of upserts and findOrCreate are session-scoped: a pooled session drops them. */
  @Override
  public String resetSession() {
    return "DO RELEASE_ALL_LOCKS()";
  }

  @Override
  public io.connectorkit.connector.sql.DiscoveryCatalog discoveryCatalog() {
    return new MySqlDiscoveryCatalog();
  }
}
