package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Value coercion by declared type (CONTRACT C2), shared by write validation and filter binding: a
 * value of another JSON type is converted when the conversion is exact, anything else is refused.
 */
public final class Values {
  private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|z|[+-]\\d{2}(:?\\d{2})?)$");
  private static final Pattern BASIC_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
  private static final double TWO_POW_63 = 0x1p63;
  private static final int SHOWN_VALUE_LENGTH = 80;
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Values() {}

  /**
   * Converts a JSON-like value to the Java representation of {@code type} (see {@link
   * PropertyType}) when the conversion is exact; null stays null.
   *
   * @throws IllegalArgumentException when it is not, with a message naming the value and the type
   *     ({@code cannot convert "abc" to number}); callers turn it into {@code VALIDATION_FAILED} or
   *     {@code INVALID_FILTER} with the model and property
   */
  public static @Nullable Object coerce(@Nullable Object value, PropertyType type) {
    requireNonNull(type, "type is null");
    if (value == null) {
      return null;
    }
    return switch (type.kind()) {
      case STRING -> toStringValue(value, type);
      case NUMBER -> toNumber(value, type);
      case BOOLEAN -> toBoolean(value, type);
      case DATE -> toDate(value, type);
      case OBJECT -> {
        if (value instanceof Map<?, ?> map) {
          yield normalizeMap(map);
        }
        throw refused(value, type);
      }
      case ARRAY -> toArray(value, type);
      case BUFFER -> toBuffer(value, type);
      case ANY -> normalize(value);
    };
  }

  /**
   * A JSON-like value with numbers normalised ({@link Long} when integral, else {@link Double}),
   * maps and lists copied; other values as they are.
   */
  public static Object normalize(Object value) {
    if (value instanceof Number number) {
      return normalizeNumber(number);
    }
    if (value instanceof Map<?, ?> map) {
      return normalizeMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(normalize(item)));
      return copy;
    }
    if (value instanceof Object[] array) {
      return normalize(List.of(array));
    }
    return value;
  }

  /** Renders a value for an error message: JSON-like, quoted strings, cut to a sensible length. */
  public static String show(@Nullable Object value) {
    String shown;
    if (value == null) {
      shown = "null";
    } else if (value instanceof String text) {
      shown = "\"" + text + "\"";
    } else if (value instanceof byte[] bytes) {
      shown = "<" + bytes.length + " bytes>";
    } else {
      shown = String.valueOf(value);
    }
    return shown.length() > SHOWN_VALUE_LENGTH
        ? shown.substring(0, SHOWN_VALUE_LENGTH) + "…"
        : shown;
  }

  /** The contract's date form: ISO-8601 UTC with milliseconds, {@code 1980-12-08T00:00:00.000Z}. */
  public static String formatDate(Instant instant) {
    return ISO_MILLIS.format(instant);
  }

  private static Map<String, Object> normalizeMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, item) -> copy.put(String.valueOf(key), normalize(item)));
    return copy;
  }

  private static Object normalizeNumber(Number number) {
    // Rows are copied through here on every read: an existing Long or Double is kept, not re-boxed.
    if (number instanceof Long) {
      return number;
    }
    if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
      return number.longValue();
    }
    if (number instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big.doubleValue();
    }
    if (number instanceof BigDecimal decimal) {
      return fromDecimal(decimal);
    }
    double d = number.doubleValue();
    if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < TWO_POW_63) {
      return (long) d;
    }
    return number instanceof Double ? number : (Object) d;
  }

  private static Object fromDecimal(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 19) {
      try {
        return stripped.longValueExact();
      } catch (ArithmeticException e) {
        // beyond the long range: a double, like any JSON number there
      }
    }
    // a decimal that rounds to an integral double (1.00000000000000000001) is an integer too
    return normalizeNumber(stripped.doubleValue());
  }

  private static String toStringValue(Object value, PropertyType type) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Number number) {
      return normalizeNumber(number).toString();
    }
    if (value instanceof Boolean bool) {
      return bool.toString();
    }
    throw refused(value, type);
  }

  private static Object toNumber(Object value, PropertyType type) {
    if (value instanceof Number number) {
      Object normalized = normalizeNumber(number);
      if (normalized instanceof Double d && !Double.isFinite(d)) {
        throw refused(value, type);
      }
      return normalized;
    }
    if (value instanceof String text) {
      String trimmed = text.trim();
      if (!trimmed.isEmpty() && trimmed.equals(text)) {
        try {
          Object parsed = fromDecimal(new BigDecimal(trimmed));
          if (!(parsed instanceof Double d) || Double.isFinite(d)) {
            return parsed;
          }
        } catch (NumberFormatException e) {
          // refused below
        }
      }
    }
    throw refused(value, type);
  }

  private static Boolean toBoolean(Object value, PropertyType type) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof String text) {
      switch (text) {
        case "true", "1":
          return true;
        case "false", "0":
          return false;
        default:
          throw refused(value, type);
      }
    }
    if (value instanceof Number number) {
      Object normalized = normalizeNumber(number);
      if (normalized.equals(1L)) {
        return true;
      }
      if (normalized.equals(0L)) {
        return false;
      }
    }
    throw refused(value, type);
  }

  private static Instant toDate(Object value, PropertyType type) {
    Instant instant;
    if (value instanceof Instant i) {
      instant = i;
    } else if (value instanceof Date date) {
      instant = date.toInstant();
    } else if (value instanceof OffsetDateTime odt) {
      instant = odt.toInstant();
    } else if (value instanceof ZonedDateTime zdt) {
      instant = zdt.toInstant();
    } else if (value instanceof LocalDate date) {
      instant = date.atStartOfDay(ZoneOffset.UTC).toInstant();
    } else if (value instanceof LocalDateTime dateTime) {
      instant = dateTime.toInstant(ZoneOffset.UTC);
    } else if (value instanceof Number number && normalizeNumber(number) instanceof Long millis) {
      instant = Instant.ofEpochMilli(millis);
    } else if (value instanceof String text) {
      instant = parseDate(text, type);
    } else {
      throw refused(value, type);
    }
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  private static Instant parseDate(String text, PropertyType type) {
    try {
      if (DATE_ONLY.matcher(text).matches()) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (HAS_OFFSET.matcher(text).matches()) {
        // JavaScript's Date accepts the basic offset form +0100 too
        String extended = BASIC_OFFSET.matcher(text).replaceFirst("$1:$2");
        return OffsetDateTime.parse(extended, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      }
      return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw refused(text, type);
    }
  }

  private static List<Object> toArray(Object value, PropertyType type) {
    List<?> items;
    if (value instanceof List<?> list) {
      items = list;
    } else if (value instanceof Object[] array) {
      items = List.of(array);
    } else {
      throw refused(value, type);
    }
    List<Object> coerced = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        coerced.add(coerce(items.get(i), requireNonNull(type.itemType(), "itemType is null")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("item " + i + ": " + e.getMessage(), e);
      }
    }
    return coerced;
  }

  private static byte[] toBuffer(Object value, PropertyType type) {
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    if (value instanceof String text) {
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot convert " + show(value) + " to buffer (not base64)", e);
      }
    }
    throw refused(value, type);
  }

  private static IllegalArgumentException refused(Object value, PropertyType type) {
    return new IllegalArgumentException("cannot convert " + show(value) + " to " + type);
  }
}
