package io.connectorkit.connector.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The C2 type mapping between the core's value representation and JDBC: dates are UTC {@code
 * LocalDateTime}s with milliseconds (no JVM or session time zone is involved), numbers are bound as
 * long or double and read back as {@code Long} when integral (within ±2^53), object, array and any
 * values are JSON text, buffers bytes.
 */
final class JdbcValues {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.time.format.DateTimeFormatter DATETIME =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS")
          .withZone(ZoneOffset.UTC);
  private static final double MAX_EXACT = 9007199254740992d; // 2^53

  private JdbcValues() {}

  /** The value bound for a column of {@code type}: JSON text for object, array and any. */
  static @Nullable Object toColumn(PropertyType type, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    return switch (type.kind()) {
      case OBJECT, ARRAY, ANY -> toJson(value);
      default -> value;
    };
  }

  /**
   * The text of a SQL array ({@code {"a","b\\"c",NULL}}), which the server casts to the column's
   * array type: every item quoted and escaped, nulls as {@code NULL}.
   */
  static String arrayLiteral(java.util.Collection<?> items) {
    StringBuilder out = new StringBuilder("{");
    for (Object item : items) {
      if (out.length() > 1) {
        out.append(',');
      }
      if (item == null) {
        out.append("NULL");
        continue;
      }
      String text = item instanceof Instant instant ? Values.formatDate(instant) : item.toString();
      out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append('}').toString();
  }

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(jsonable(value));
    } catch (JsonProcessingException e) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "cannot store " + Values.show(value) + " as JSON", e);
    }
  }

  /** Dates and buffers inside JSON take their contract forms (ISO-8601 string, base64). */
  private static Object jsonable(Object value) {
    if (value instanceof Instant instant) {
      return Values.formatDate(instant);
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), jsonable(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(jsonable(item)));
      return copy;
    }
    return value;
  }

  /** Parses JSON text; null when it is not JSON. */
  static @Nullable Object parseJson(String text) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** A model type from its JSON form ({@code "string"}, {@code ["date"]}); null if unknown. */
  static @Nullable PropertyType typeFromJson(@Nullable Object json) {
    if (json instanceof List<?> list && list.size() == 1) {
      PropertyType item = typeFromJson(list.get(0));
      return item == null ? null : PropertyType.arrayOf(item);
    }
    if (json instanceof String name) {
      if (name.equals("array")) {
        return PropertyType.ARRAY;
      }
      for (PropertyType.Kind kind : PropertyType.Kind.values()) {
        if (kind.name().equalsIgnoreCase(name) && kind != PropertyType.Kind.ARRAY) {
          return new PropertyType(kind, null);
        }
      }
    }
    return null;
  }

  static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.NULL);
    } else if (value instanceof String text) {
      statement.setString(index, text);
    } else if (value instanceof Long number) {
      statement.setLong(index, number);
    } else if (value instanceof Integer number) {
      statement.setLong(index, number);
    } else if (value instanceof Double number) {
      statement.setDouble(index, number);
    } else if (value instanceof Boolean bool) {
      statement.setBoolean(index, bool);
    } else if (value instanceof Instant instant) {
      // Text, not a temporal object: drivers differ in whether (and how) they send fractional
      // seconds and in which time zone they convert; "yyyy-MM-dd HH:mm:ss.SSS" in UTC is exact.
      statement.setString(index, DATETIME.format(instant.truncatedTo(ChronoUnit.MILLIS)));
    } else if (value instanceof SqlArray array) {
      Object[] elements = new Object[array.elements().size()];
      for (int i = 0; i < elements.length; i++) {
        Object element = array.elements().get(i);
        elements[i] =
            element instanceof Instant instant
                ? DATETIME.format(instant.truncatedTo(ChronoUnit.MILLIS))
                : element;
      }
      statement.setArray(
          index, statement.getConnection().createArrayOf(array.elementType(), elements));
    } else if (value instanceof byte[] bytes) {
      statement.setBytes(index, bytes);
    } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
      statement.setString(index, toJson(value));
    } else {
      statement.setObject(index, value);
    }
  }

  /** Reads one column as a value of {@code type}. */
  static @Nullable Object read(ResultSet rs, int index, PropertyType type) throws SQLException {
    switch (type.kind()) {
      case STRING:
        return rs.getString(index);
      case NUMBER:
        return number(rs.getObject(index));
      case BOOLEAN:
        {
          boolean value = rs.getBoolean(index);
          return rs.wasNull() ? null : value;
        }
      case DATE:
        return date(rs.getObject(index));
      case BUFFER:
        return rs.getBytes(index);
      default:
        {
          if (type.kind() == PropertyType.Kind.ARRAY
              && rs.getObject(index) instanceof java.sql.Array array) {
            Object items = array.getArray();
            array.free();
            return Values.coerce(Values.normalize(java.util.Arrays.asList((Object[]) items)), type);
          }
          String json = rs.getString(index);
          if (json == null) {
            return null;
          }
          Object parsed;
          try {
            parsed = JSON.readValue(json, Object.class);
          } catch (JsonProcessingException e) {
            // A column that does not hold JSON (a discovered table): its text is the value.
            return type.kind() == PropertyType.Kind.ANY ? json : null;
          }
          try {
            return Values.coerce(parsed, type);
          } catch (IllegalArgumentException e) {
            return Values.normalize(parsed);
          }
        }
    }
  }

  /** A driver number as the core's: Long when integral and exact, else Double. */
  static @Nullable Object number(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big.doubleValue();
    }
    if (value instanceof BigDecimal decimal) {
      BigDecimal stripped = decimal.stripTrailingZeros();
      if (stripped.scale() <= 0
          && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
        return stripped.longValueExact();
      }
      return decimal.doubleValue();
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT) {
        return (long) d;
      }
      return d;
    }
    if (value instanceof Boolean bool) {
      return bool ? 1L : 0L;
    }
    return Values.normalize(value);
  }

  static @Nullable Instant date(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof LocalDate day) {
      return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof java.sql.Date day) {
      return day.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    return (Instant) Values.coerce(value.toString(), PropertyType.DATE);
  }

  /** Every row of a native query: column label → value, numbers and dates as the core's. */
  static List<Map<String, Object>> readAll(ResultSet rs, JdbcDialect dialect) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<Map<String, Object>> rows = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        Object value = rs.getObject(i);
        if (value instanceof Number) {
          value = number(value);
        } else if (value instanceof LocalDateTime || value instanceof java.sql.Timestamp) {
          value = date(dialect.readDate(rs, i));
        }
        row.put(meta.getColumnLabel(i), value);
      }
      rows.add(row);
    }
    return rows;
  }
}
