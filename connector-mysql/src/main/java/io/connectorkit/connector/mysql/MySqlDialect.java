package io.connectorkit.connector.mysql;

import io.connectorkit.connector.sql.JdbcDialect;
import io.connectorkit.core.ErrorCode;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.sql.ParameterizedSql;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

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

  /** Set once the server flavour is known. */
  void useBinaryCollation(String collation) {
    this.binaryCollation = collation;
  }

  String binaryCollation() {
    return binaryCollation;
  }

  @Override
  public String settingsKey() {
    return "mysql";
  }

  @Override
  public String quoteIdentifier(String name) {
    io.connectorkit.core.sql.SqlDialect.checkIdentifier(name);
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
  public PropertyType discoveredType(String dataType, String columnType) {
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
}
