package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.Values;
import io.connectorkit.core.spi.Pushdown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Translates the contract's where and order (CONTRACT C4.1, C4.2) to BSON, for the conditions whose
 * MongoDB meaning is exactly the contract's; {@link #pushdown} leaves every other condition to the
 * core's residual evaluation (C4.6).
 *
 * <p>What is translated, and why the rest is not:
 *
 * <ul>
 *   <li>Negative operators are {@code {$nor: [positive]}}: the exact complement of the positive
 *       translation, so rows with a null or missing value and empty arrays match them, as C4.1
 *       requires (MongoDB's own {@code $ne}/{@code $nin} skip arrays holding the value).
 *   <li>Conditions on declared scalar properties ({@code string}, {@code number}, {@code boolean},
 *       {@code date}), arrays of scalars (MongoDB matches any element, as C4.1 does) and nested
 *       paths into {@code object} properties (scalar operands only) are translated. {@code any},
 *       untyped arrays, buffers, object operands and free-form properties stay residual: MongoDB
 *       compares documents field-order-sensitively and descends nested arrays differently.
 *   <li>{@code like}/{@code ilike} become anchored regular expressions with every literal escaped;
 *       {@code ilike} only when the pattern's letters cannot fold to non-ASCII characters (the
 *       server's {@code i} option is not Unicode case folding everywhere). {@code regexp} only for
 *       a plain literal, optionally anchored with {@code ^}, without flags: the server's regex
 *       dialect (PCRE) differs from Java's in escapes, classes and line terminators.
 *   <li>Sorting is pushed down for scalar properties; MongoDB sorts null and missing first
 *       ascending, and compares strings by UTF-8 bytes, which is code-point order.
 * </ul>
 */
final class MongoQuery {
  /** Matches no document: every document has an {@code _id}. */
  static final Document NOTHING = new Document("_id", new Document("$in", List.of()));

  private static final java.util.Set<String> JAVASCRIPT =
      java.util.Set.of("$where", "$function", "$accumulator");
  private static final java.util.Set<String> VALUE_OPERATORS =
      java.util.Set.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$all");
  private static final Pattern LITERAL_REGEXP = Pattern.compile("\\^?[A-Za-z0-9 ]*");
  private static final Pattern NUMERIC_SEGMENT = Pattern.compile(".*(^|\\.)\\d+($|\\.).*");

  private final MongoModel mapping;
  private final boolean codePointStrings;

  /**
   * @param codePointStrings whether the server compares strings by code point (MongoDB does, by
   *     UTF-8 bytes; mongo-java-server compares UTF-16 units): when not, string ranges and string
   *     sorts stay residual
   */
  MongoQuery(MongoModel mapping, boolean codePointStrings) {
    this.mapping = requireNonNull(mapping, "mapping is null");
    this.codePointStrings = codePointStrings;
  }

  /** The part of the filter translated exactly, and the residual. */
  Pushdown pushdown(Filter filter) {
    requireNonNull(filter, "filter is null");
    List<Where> enforced = new ArrayList<>();
    List<Where> residual = new ArrayList<>();
    split(filter.where(), enforced, residual);
    // The order is always enforced: by the server when serverSorts(), else by the connector
    // itself with the core's comparator, so that the DAO keeps its atomic findOrCreate path.
    return new Pushdown(
        enforced.size() == 1 ? enforced.get(0) : Where.and(enforced),
        residual.size() == 1 ? residual.get(0) : Where.and(residual),
        true);
  }

  /**
   * Whether the server sorts by this order (with the id tie-break) exactly as C4.2 requires; when
   * not, the connector sorts and pages the matching documents in memory.
   */
  boolean serverSorts(List<Order> order) {
    return order.stream().allMatch(this::sortable) && idOrderMatchesCodePoints();
  }

  private void split(Where where, List<Where> enforced, List<Where> residual) {
    if (where instanceof Where.And and) {
      for (Where condition : and.conditions()) {
        split(condition, enforced, residual);
      }
    } else if (translate(where) != null) {
      enforced.add(where);
    } else {
      residual.add(where);
    }
  }

  /**
   * The BSON filter of a where that {@link #pushdown} enforces entirely.
   *
   * @throws IllegalArgumentException when part of it cannot be translated
   */
  Document filter(Where where) {
    Document translated = translate(where);
    if (translated == null) {
      throw new IllegalArgumentException("not translatable to MongoDB: " + where);
    }
    return translated;
  }

  /** The sort document: the order's keys, then the id fields ascending (C4.2 tie-break). */
  Document sort(List<Order> order) {
    Document sort = new Document();
    for (Order key : order) {
      sort.putIfAbsent(mapping.fieldPath(key.path()), key.descending() ? -1 : 1);
    }
    List<String> ids = mapping.idFields().isEmpty() ? List.of("_id") : mapping.idFields();
    for (String id : ids) {
      sort.putIfAbsent(id, 1);
    }
    return sort;
  }

  private boolean sortable(Order order) {
    if (order.path().indexOf('.') >= 0) {
      return false;
    }
    PropertyDefinition property = mapping.property(order.path());
    return property != null
        && isScalar(property.type())
        && !mapping.isDecimal128(property)
        && (codePointStrings
            || property.type().kind() != PropertyType.Kind.STRING
            || mapping.isObjectId(property));
  }

  /** Whether the id tie-break sorts on the server as C4.2 requires. */
  private boolean idOrderMatchesCodePoints() {
    if (codePointStrings) {
      return true;
    }
    for (PropertyDefinition id : mapping.definition().idProperties()) {
      if (id.type().kind() == PropertyType.Kind.STRING && !mapping.isObjectId(id)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- where

  /** The exact translation, or null when MongoDB's meaning would differ. */
  private @Nullable Document translate(Where where) {
    if (where instanceof Where.And and) {
      if (and.conditions().isEmpty()) {
        return new Document();
      }
      List<Document> parts = translateAll(and.conditions());
      return parts == null ? null : parts.size() == 1 ? parts.get(0) : new Document("$and", parts);
    }
    if (where instanceof Where.Or or) {
      if (or.conditions().isEmpty()) {
        return NOTHING;
      }
      List<Document> parts = translateAll(or.conditions());
      return parts == null ? null : parts.size() == 1 ? parts.get(0) : new Document("$or", parts);
    }
    if (where instanceof Where.Extension extension) {
      return extension(extension);
    }
    Where.Comparison comparison = (Where.Comparison) where;
    if (comparison.operator() == Operator.EXISTS) {
      return exists(comparison);
    }
    Document positive = positive(comparison);
    if (positive == null || !comparison.operator().isNegative()) {
      return positive;
    }
    // C4.1: a negative operator matches exactly the rows its positive twin does not.
    return new Document("$nor", List.of(positive));
  }

  /**
   * A {@code $}-operator passed to the server (allowExtendedOperators): {@code {$expr: …}} for the
   * whole document, {@code {field: {$op: operand}}} for a property, the property's field name
   * applied. Operands of the comparison operators ({@code $eq}, {@code $ne}, {@code $gt}, {@code
   * $gte}, {@code $lt}, {@code $lte}, {@code $in}, {@code $nin}, {@code $all}) on a declared
   * property are converted the way its values are stored, so {@code {"born": {"$gte":
   * "2020-01-01"}}} compares dates and an ObjectId property compares ObjectIds. Server-side
   * JavaScript ({@code $where}, {@code $function}, {@code $accumulator}) is refused.
   */
  private Document extension(Where.Extension extension) {
    if (JAVASCRIPT.contains(extension.operator())) {
      throw new ConnectorException(
          ErrorCode.INVALID_FILTER,
          "where."
              + extension.key()
              + ": server-side JavaScript is not allowed, even with allowExtendedOperators");
    }
    if (extension.path().isEmpty()) {
      return new Document(extension.operator(), MongoModel.toBson(extension.value()));
    }
    // Only operands compared with the property's values take its type; nested paths, and
    // operands such as a $size count or a $type name, are passed as given.
    PropertyDefinition property =
        extension.path().indexOf('.') < 0 && VALUE_OPERATORS.contains(extension.operator())
            ? mapping.property(extension.path())
            : null;
    Object value = extension.value();
    Object operand;
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      list.forEach(item -> items.add(operand(property, item)));
      operand = items;
    } else {
      operand = operand(property, value);
    }
    return new Document(
        mapping.fieldPath(extension.path()), new Document(extension.operator(), operand));
  }

  private @Nullable Object operand(@Nullable PropertyDefinition property, @Nullable Object value) {
    if (property == null || value instanceof java.util.Map<?, ?> || value instanceof List<?>) {
      return MongoModel.toBson(value);
    }
    PropertyType type =
        property.type().isArray()
            ? requireNonNull(property.type().itemType(), "an array has an item type")
            : property.type();
    if (isScalar(type)) {
      try {
        value = Values.coerce(value, type);
      } catch (IllegalArgumentException e) {
        return MongoModel.toBson(value); // not of the property's type: the server decides
      }
    }
    return property.type().isArray() ? MongoModel.toBson(value) : mapping.toBson(property, value);
  }

  private @Nullable List<Document> translateAll(List<Where> conditions) {
    List<Document> parts = new ArrayList<>(conditions.size());
    for (Where condition : conditions) {
      Document part = translate(condition);
      if (part == null) {
        return null;
      }
      parts.add(part);
    }
    return parts;
  }

  /** What the path reaches, as far as translation cares. */
  private enum Target {
    /** A declared top-level property of a scalar type. */
    SCALAR,
    /** A declared top-level array of scalars. */
    SCALAR_ARRAY,
    /** A dotted path into an {@code object} property: any JSON value. */
    NESTED,
    /** An ObjectId-typed id or string property: hex strings are stored as ObjectIds. */
    OBJECT_ID
  }

  private @Nullable Target target(String path) {
    int dot = path.indexOf('.');
    PropertyDefinition property = mapping.property(dot < 0 ? path : path.substring(0, dot));
    if (property == null) {
      return null; // free-form: its values have no declared type
    }
    if (dot >= 0) {
      return property.type().kind() == PropertyType.Kind.OBJECT
              && !NUMERIC_SEGMENT.matcher(path).matches()
              && !path.contains("$")
              && !path.contains("..")
              && !path.endsWith(".")
          ? Target.NESTED
          : null;
    }
    if (mapping.isObjectId(property)) {
      return Target.OBJECT_ID;
    }
    if (mapping.isDecimal128(property)) {
      return null;
    }
    if (isScalar(property.type())) {
      return Target.SCALAR;
    }
    if (property.type().isArray()
        && isScalar(requireNonNull(property.type().itemType(), "an array has an item type"))) {
      return Target.SCALAR_ARRAY;
    }
    return null;
  }

  private static boolean isScalar(PropertyType type) {
    return switch (type.kind()) {
      case STRING, NUMBER, BOOLEAN, DATE -> true;
      default -> false;
    };
  }

  private static boolean isSimple(@Nullable Object value) {
    return value instanceof String
        || value instanceof Long
        || value instanceof Integer
        || value instanceof Double
        || value instanceof Boolean
        || value instanceof Instant;
  }

  private @Nullable Document positive(Where.Comparison comparison) {
    Target target = target(comparison.path());
    if (target == null) {
      return null;
    }
    String field = mapping.fieldPath(comparison.path());
    Object value = comparison.value();
    return switch (comparison.operator().positive()) {
      case EQ -> eq(target, field, value);
      case INQ -> inq(target, field, value);
      case GT, GTE, LT, LTE -> range(target, field, comparison.operator(), value);
      case BETWEEN -> between(target, field, value);
      case LIKE, ILIKE -> like(target, field, value, comparison.operator().positive());
      case REGEXP -> regexp(target, field, value);
      default -> null;
    };
  }

  private @Nullable Document eq(Target target, String field, @Nullable Object value) {
    if (value == null) {
      // {f: null} matches null and missing; on arrays MongoDB's null semantics differ.
      return target == Target.SCALAR || target == Target.OBJECT_ID
          ? new Document(field, null)
          : null;
    }
    if (!isSimple(value)) {
      return null;
    }
    if (target == Target.OBJECT_ID) {
      return new Document(field, new Document("$in", objectIdCandidates(value)));
    }
    return new Document(field, MongoModel.toBson(value));
  }

  private @Nullable Document inq(Target target, String field, @Nullable Object value) {
    if (!(value instanceof List<?> list)) {
      return null;
    }
    if (list.isEmpty()) {
      return NOTHING;
    }
    List<Object> values = new ArrayList<>(list.size());
    for (Object element : list) {
      if (element == null) {
        if (target != Target.SCALAR && target != Target.OBJECT_ID) {
          return null;
        }
        values.add(null);
      } else if (!isSimple(element)) {
        return null;
      } else if (target == Target.OBJECT_ID) {
        values.addAll(objectIdCandidates(element));
      } else {
        values.add(MongoModel.toBson(element));
      }
    }
    return new Document(field, new Document("$in", values));
  }

  /** A hex string matches both its ObjectId and itself (documents written by other clients). */
  private static List<Object> objectIdCandidates(Object value) {
    if (MongoModel.looksLikeObjectId(value)) {
      return List.of(new ObjectId((String) value), value);
    }
    return List.of(MongoModel.toBson(value));
  }

  private @Nullable Document range(
      Target target, String field, Operator op, @Nullable Object value) {
    if (target == Target.OBJECT_ID) {
      return null; // ObjectIds and strings do not compare with each other
    }
    if (value instanceof String && !codePointStrings) {
      return null;
    }
    if (value == null) {
      return NOTHING; // C4.1: a null bound matches nothing
    }
    if (!isSimple(value)) {
      return null;
    }
    return new Document(field, new Document("$" + op.jsonName(), MongoModel.toBson(value)));
  }

  private @Nullable Document between(Target target, String field, @Nullable Object value) {
    if (!(value instanceof List<?> bounds) || bounds.size() != 2) {
      return null;
    }
    if (target == Target.OBJECT_ID || target == Target.NESTED) {
      return null; // a nested value may be an array: both bounds must hold for one element
    }
    Object low = bounds.get(0);
    Object high = bounds.get(1);
    if (low == null || high == null) {
      return NOTHING;
    }
    if (!isSimple(low) || !isSimple(high)) {
      return null;
    }
    if ((low instanceof String || high instanceof String) && !codePointStrings) {
      return null;
    }
    Document condition =
        new Document("$gte", MongoModel.toBson(low)).append("$lte", MongoModel.toBson(high));
    // On an array both bounds must hold for the same element, so $elemMatch.
    return new Document(
        field, target == Target.SCALAR_ARRAY ? new Document("$elemMatch", condition) : condition);
  }

  private @Nullable Document like(
      Target target, String field, @Nullable Object value, Operator op) {
    if (target == Target.OBJECT_ID || !(value instanceof String pattern)) {
      return null;
    }
    boolean ignoreCase = op == Operator.ILIKE;
    if (ignoreCase && !foldsOnlyInAscii(pattern)) {
      return null;
    }
    Document regex =
        new Document("$regex", likeToRegex(pattern)).append("$options", ignoreCase ? "i" : "");
    return new Document(field, elementWise(target, regex));
  }

  /**
   * A condition on the elements of a declared array: {@code $elemMatch}, so that an empty array
   * matches no positive operator (a bare {@code $regex} on an empty array matches on some servers).
   */
  private static Document elementWise(Target target, Document condition) {
    return target == Target.SCALAR_ARRAY ? new Document("$elemMatch", condition) : condition;
  }

  private @Nullable Document regexp(Target target, String field, @Nullable Object value) {
    if (target == Target.OBJECT_ID || !(value instanceof Regexp regexp)) {
      return null;
    }
    if (!regexp.flags().isEmpty() || !LITERAL_REGEXP.matcher(regexp.pattern()).matches()) {
      return null;
    }
    return new Document(
        field,
        elementWise(target, new Document("$regex", regexp.pattern()).append("$options", "")));
  }

  /**
   * Whether case-insensitive matching of the pattern is the same with ASCII-only and with Unicode
   * case folding: its letters are ASCII and none of {@code i}, {@code k}, {@code s}, which fold to
   * or from non-ASCII letters (ı, İ, K, ſ).
   */
  static boolean foldsOnlyInAscii(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c > 0x7f) {
        return false;
      }
      char lower = Character.toLowerCase(c);
      if (lower == 'i' || lower == 'k' || lower == 's') {
        return false;
      }
    }
    return true;
  }

  /**
   * The contract's SQL pattern (C4.1) as a regular expression both PCRE and java.util.regex read
   * the same way: anchored at both ends with {@code \A}/{@code \z} ({@code $} would also match
   * before a final newline), {@code %} as {@code [\s\S]*} and {@code _} as one code point, every
   * other ASCII punctuation escaped with a backslash.
   */
  static String likeToRegex(String pattern) {
    StringBuilder regex = new StringBuilder("\\A");
    int i = 0;
    while (i < pattern.length()) {
      int cp = pattern.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\\' && i < pattern.length()) {
        int escaped = pattern.codePointAt(i);
        i += Character.charCount(escaped);
        appendLiteral(regex, escaped);
      } else if (cp == '%') {
        regex.append("[\\s\\S]*");
      } else if (cp == '_') {
        regex.append("[\\s\\S]");
      } else {
        appendLiteral(regex, cp);
      }
    }
    return regex.append("\\z").toString();
  }

  private static void appendLiteral(StringBuilder regex, int cp) {
    if (cp < 0x80 && !Character.isLetterOrDigit(cp)) {
      regex.append('\\');
    }
    regex.appendCodePoint(cp);
  }

  private @Nullable Document exists(Where.Comparison comparison) {
    if (!(comparison.value() instanceof Boolean wanted) || comparison.isNested()) {
      return null;
    }
    PropertyDefinition property = mapping.property(comparison.path());
    if (property == null) {
      return null;
    }
    // Arrays and "any" values: MongoDB's null test looks into array elements.
    switch (property.type().kind()) {
      case ARRAY, ANY:
        return null;
      default:
        break;
    }
    String field = mapping.field(comparison.path());
    return wanted ? new Document(field, new Document("$ne", null)) : new Document(field, null);
  }
}
