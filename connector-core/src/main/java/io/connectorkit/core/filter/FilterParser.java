package io.connectorkit.core.filter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads filter JSON (CONTRACT C4) into an unbound {@link Filter}: the syntax checks (known keys,
 * known operators, array shapes, limit/skip/order forms, depth). Property names and values are
 * checked against a model by {@link FilterBinder}. Every error is {@code INVALID_FILTER} with the
 * path of the bad part, e.g. {@code where.age.gtt: unknown operator "gtt"}.
 *
 * <p>Values in the result are normalised ({@link Values#normalize}) but not coerced: coercion needs
 * the model.
 *
 * <p>A {@code $}-prefixed key in a where ({@code {"$expr": …}}, or an operator such as {@code
 * {"age": {"$mod": [2, 0]}}}) becomes a {@link Where.Extension}: whether it is allowed depends on
 * the connector, so {@link FilterBinder} refuses it unless told otherwise. A {@code $} segment
 * inside a dotted path is refused here.
 */
public final class FilterParser {
  /** C4.1: a where nested deeper than this many where objects is refused. */
  static final int MAX_DEPTH = 32;

  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of("where", "fields", "order", "limit", "skip", "offset", "include");
  private static final Set<Operator> OPTIONS_OPERATORS =
      Set.of(Operator.LIKE, Operator.NLIKE, Operator.ILIKE, Operator.NILIKE, Operator.REGEXP);
  private static final Pattern ORDER_KEY =
      Pattern.compile("\\s*([^\\s,]+)(?:\\s+([A-Za-z]+))?\\s*");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private FilterParser() {}

  /**
   * Reads a whole filter.
   *
   * @param json JSON text, or JSON already parsed into {@code Map}/{@code List} values, or a
   *     Jackson {@code JsonNode}; null (or blank text, or JSON {@code null}) for {@link Filter#ALL}
   * @throws ConnectorException {@code INVALID_FILTER} naming the path of the bad part
   */
  public static Filter parse(Object json) {
    Object value = toJava(json, "filter");
    if (value == null) {
      return Filter.ALL;
    }
    return parseFilter(value, "", 0);
  }

  /**
   * Reads a where object alone (errors use the path prefix {@code where}).
   *
   * @param json as for {@link #parse(Object)}; null for {@link Where#all()}
   * @throws ConnectorException {@code INVALID_FILTER} naming the path of the bad part
   */
  public static Where parseWhere(Object json) {
    Object value = toJava(json, "where");
    if (value == null) {
      return Where.all();
    }
    return parseWhereObject(value, "where", 1);
  }

  /**
   * Reads the string form of an order: {@code "name"}, {@code "name DESC, age ASC"}.
   *
   * @throws ConnectorException {@code INVALID_FILTER} for anything else
   */
  public static List<Order> parseOrder(String spec) {
    return parseOrderValue(spec, "order");
  }

  /** A regexp operand: {@code "pat"} or {@code "/pat/flags"}, validated (flags, syntax). */
  static Regexp parseRegexp(@Nullable Object value, String path) {
    if (value instanceof Regexp regexp) {
      validateRegexp(regexp, path);
      return regexp;
    }
    if (!(value instanceof String text)) {
      throw invalid(path, "regexp must be a string, got " + Values.show(value));
    }
    Regexp regexp;
    int lastSlash = text.lastIndexOf('/');
    if (text.length() >= 2 && text.charAt(0) == '/' && lastSlash > 0) {
      regexp = new Regexp(text.substring(1, lastSlash), text.substring(lastSlash + 1));
    } else {
      regexp = new Regexp(text, "");
    }
    validateRegexp(regexp, path);
    return regexp;
  }

  static ConnectorException invalid(String path, String message) {
    return new ConnectorException(
        ErrorCode.INVALID_FILTER, path.isEmpty() ? message : path + ": " + message);
  }

  private static void validateRegexp(Regexp regexp, String path) {
    for (int i = 0; i < regexp.flags().length(); i++) {
      char flag = regexp.flags().charAt(i);
      if (flag != 'i' && flag != 'm' && flag != 's') {
        throw invalid(path, "unsupported regexp flag \"" + flag + "\" (allowed: i, m, s)");
      }
    }
    try {
      Patterns.regexp(regexp);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw invalid(
          path,
          "invalid regular expression "
              + Values.show(regexp.pattern())
              + ": "
              + e.getDescription());
    }
  }

  // ---------------------------------------------------------------- input

  private static @Nullable Object toJava(Object json, String path) {
    if (json == null) {
      return null;
    }
    if (json instanceof String text) {
      if (text.isBlank()) {
        return null;
      }
      try {
        return MAPPER.readValue(text, Object.class);
      } catch (JsonProcessingException e) {
        throw invalid(path, "malformed JSON: " + e.getOriginalMessage());
      }
    }
    if (json instanceof JsonNode node) {
      return node.isMissingNode() ? null : MAPPER.convertValue(node, Object.class);
    }
    return json;
  }

  // ---------------------------------------------------------------- filter

  private static Filter parseFilter(Object value, String prefix, int depth) {
    String here = prefix.isEmpty() ? "filter" : prefix;
    if (depth > MAX_DEPTH) {
      throw invalid(here, "nested deeper than " + MAX_DEPTH + " levels");
    }
    Map<String, Object> map = asObject(value, here);
    for (String key : map.keySet()) {
      if (!TOP_LEVEL_KEYS.contains(key)) {
        throw invalid(
            here,
            "unknown key \""
                + key
                + "\" (allowed: where, fields, order, limit, skip, offset, include)");
      }
    }
    Object whereJson = map.get("where");
    Where where =
        whereJson == null ? Where.all() : parseWhereObject(whereJson, join(prefix, "where"), 1);
    Fields fields = parseFields(map.get("fields"), join(prefix, "fields"));
    List<Order> order = parseOrderJson(map.get("order"), join(prefix, "order"));
    long limit = parseCount(map.get("limit"), join(prefix, "limit"));
    long skip = parseCount(map.get("skip"), join(prefix, "skip"));
    long offset = parseCount(map.get("offset"), join(prefix, "offset"));
    if (map.get("skip") != null && map.get("offset") != null && skip != offset) {
      throw invalid(
          join(prefix, "offset"),
          "offset " + offset + " differs from skip " + skip + " (offset is an alias of skip)");
    }
    if (map.get("skip") == null) {
      skip = offset;
    }
    List<Include> include = parseInclude(map.get("include"), join(prefix, "include"), depth);
    return new Filter(where, fields, order, limit, skip, include);
  }

  private static long parseCount(@Nullable Object value, String path) {
    if (value == null) {
      return 0;
    }
    BigInteger count = null;
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      count = BigInteger.valueOf(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      count = big;
    } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      // JSON 10.0 is the integer 10; 10.5 is not an integer. 1e400 overflows a double to
      // Infinity, and a BigDecimal 1e999999999 would take minutes to expand: both are refused
      // before any conversion (they cannot be a count of rows anyway).
      double approximate = ((Number) value).doubleValue();
      if (Double.isFinite(approximate) && Math.abs(approximate) < 0x1p63) {
        BigDecimal decimal = value instanceof BigDecimal d ? d : BigDecimal.valueOf(approximate);
        if (decimal.stripTrailingZeros().scale() <= 0) {
          count = decimal.toBigIntegerExact();
        }
      }
    } else if (value instanceof String text && DIGITS.matcher(text).matches()) {
      count = new BigInteger(text);
    }
    if (count == null || count.signum() < 0 || count.bitLength() >= 64) {
      throw invalid(path, "must be a non-negative integer, got " + Values.show(value));
    }
    return count.longValue();
  }

  // ---------------------------------------------------------------- order

  private static List<Order> parseOrderJson(@Nullable Object value, String path) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text) {
      return parseOrderValue(text, path);
    }
    List<Object> items = asArrayOrNull(value, path);
    if (items == null) {
      throw invalid(
          path,
          "must be a string like \"name ASC, age DESC\" or an array of such keys, got "
              + Values.show(value));
    }
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = path + "[" + i + "]";
      if (!(items.get(i) instanceof String text)) {
        throw invalid(itemPath, "must be a string like \"name DESC\", got " + show(items.get(i)));
      }
      orders.add(parseOrderKey(text, itemPath));
    }
    return List.copyOf(orders);
  }

  private static List<Order> parseOrderValue(String spec, String path) {
    if (spec == null) {
      throw invalid(path, "must be a string like \"name ASC, age DESC\", got null");
    }
    List<Order> orders = new ArrayList<>();
    for (String part : spec.split(",", -1)) {
      orders.add(parseOrderKey(part, path));
    }
    return List.copyOf(orders);
  }

  private static Order parseOrderKey(String key, String path) {
    Matcher matcher = ORDER_KEY.matcher(key);
    if (!matcher.matches()) {
      throw invalid(
          path, "invalid sort key " + Values.show(key) + " (expected \"property [ASC|DESC]\")");
    }
    String property = matcher.group(1);
    checkPathSyntax(property, path);
    String direction = matcher.group(2);
    if (direction == null) {
      return Order.asc(property);
    }
    return switch (direction.toUpperCase(Locale.ROOT)) {
      case "ASC" -> Order.asc(property);
      case "DESC" -> Order.desc(property);
      default ->
          throw invalid(
              path, "invalid sort direction " + Values.show(direction) + " (expected ASC or DESC)");
    };
  }

  // ---------------------------------------------------------------- fields

  private static Fields parseFields(@Nullable Object value, String path) {
    if (value == null) {
      return Fields.ALL;
    }
    if (value instanceof String name) {
      checkFieldName(name, path);
      return Fields.only(name);
    }
    if (value instanceof List<?> list) {
      Set<String> names = new LinkedHashSet<>();
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (!(item instanceof String name)) {
          throw invalid(path + "[" + i + "]", "must be a property name, got " + show(item));
        }
        checkFieldName(name, path + "[" + i + "]");
        names.add(name);
      }
      return new Fields(names, Set.of());
    }
    if (value instanceof Map<?, ?> map) {
      Set<String> include = new LinkedHashSet<>();
      Set<String> exclude = new LinkedHashSet<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String name = String.valueOf(entry.getKey());
        checkFieldName(name, path);
        Boolean selected = asBoolean(entry.getValue());
        if (selected == null) {
          throw invalid(path + "." + name, "must be true or false, got " + show(entry.getValue()));
        }
        (selected ? include : exclude).add(name);
      }
      // C4.4: mixed true and false, the true ones win (Fields.selects ignores exclude when include
      // is non-empty). The false ones are kept so that FilterBinder checks their names too.
      return new Fields(include, exclude);
    }
    throw invalid(
        path, "must be a property name, an array of names or an object, got " + show(value));
  }

  private static void checkFieldName(String name, String path) {
    if (name.isEmpty()) {
      throw invalid(path, "empty property name");
    }
  }

  // ---------------------------------------------------------------- include

  private static List<Include> parseInclude(@Nullable Object value, String path, int depth) {
    if (value == null) {
      return List.of();
    }
    if (depth >= MAX_DEPTH) {
      throw invalid(path, "nested deeper than " + MAX_DEPTH + " levels");
    }
    List<Include> includes = new ArrayList<>();
    addIncludes(value, path, depth, includes);
    return List.copyOf(includes);
  }

  private static void addIncludes(Object value, String path, int depth, List<Include> out) {
    if (value instanceof String relation) {
      if (relation.isEmpty()) {
        throw invalid(path, "empty relation name");
      }
      out.add(Include.of(relation));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item instanceof List<?>) {
          throw invalid(path + "[" + i + "]", "must be a relation name or an object, got array");
        }
        addIncludes(item, path + "[" + i + "]", depth, out);
      }
    } else if (value instanceof Map<?, ?> raw) {
      Map<String, Object> map = asObject(raw, path);
      if (map.containsKey("relation")) {
        for (String key : map.keySet()) {
          if (!key.equals("relation") && !key.equals("scope")) {
            throw invalid(
                path, "unknown key \"" + key + "\" next to \"relation\" (allowed: scope)");
          }
        }
        if (!(map.get("relation") instanceof String relation) || relation.isEmpty()) {
          throw invalid(
              path + ".relation", "must be a relation name, got " + show(map.get("relation")));
        }
        Object scopeJson = map.get("scope");
        Filter scope =
            scopeJson == null ? Filter.ALL : parseFilter(scopeJson, path + ".scope", depth + 1);
        out.add(new Include(relation, scope));
      } else {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
          if (entry.getKey().isEmpty()) {
            throw invalid(path, "empty relation name");
          }
          List<Include> nested =
              parseInclude(entry.getValue(), path + "." + entry.getKey(), depth + 1);
          out.add(new Include(entry.getKey(), Filter.ALL.withInclude(nested)));
        }
      }
    } else {
      throw invalid(path, "must be a relation name, an array or an object, got " + show(value));
    }
  }

  // ---------------------------------------------------------------- where

  private static Where parseWhereObject(Object value, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw invalid(path, "where nested deeper than " + MAX_DEPTH + " levels");
    }
    Map<String, Object> map = asObject(value, path);
    List<Where> conditions = new ArrayList<>();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      String key = entry.getKey();
      Object operand = entry.getValue();
      if (key.equals("and") || key.equals("or")) {
        String listPath = path + "." + key;
        List<Object> items = asArray(operand, listPath);
        List<Where> children = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
          children.add(parseWhereObject(items.get(i), listPath + "[" + i + "]", depth + 1));
        }
        conditions.add(key.equals("and") ? Where.and(children) : Where.or(children));
      } else if (isOperatorKey(key)) {
        // An extension operator on the whole record; FilterBinder refuses it unless allowed.
        conditions.add(new Where.Extension("", key, Values.normalize(operand)));
      } else {
        String keyPath = path + "." + key;
        checkPathSyntax(key, keyPath);
        if (operand instanceof Map<?, ?> ops) {
          conditions.addAll(parseOperators(key, asObject(ops, keyPath), keyPath));
        } else {
          conditions.add(new Where.Comparison(key, Operator.EQ, Values.normalize(operand)));
        }
      }
    }
    return conditions.size() == 1 ? conditions.get(0) : Where.and(conditions);
  }

  private static List<Where> parseOperators(String property, Map<String, Object> ops, String path) {
    if (ops.isEmpty()) {
      throw invalid(path, "empty operator object");
    }
    boolean ignoreCase = false;
    if (ops.containsKey("options")) {
      Object options = ops.get("options");
      if (!"i".equals(options)) {
        throw invalid(path + ".options", "only \"i\" is supported, got " + show(options));
      }
      if (ops.keySet().stream()
          .map(Operator::fromJsonName)
          .flatMap(Optional::stream)
          .noneMatch(OPTIONS_OPERATORS::contains)) {
        throw invalid(path + ".options", "allowed only next to like, nlike, ilike, nilike, regexp");
      }
      ignoreCase = true;
    }
    List<Where> conditions = new ArrayList<>();
    for (Map.Entry<String, Object> entry : ops.entrySet()) {
      String name = entry.getKey();
      if (name.equals("options")) {
        continue;
      }
      String opPath = path + "." + name;
      if (isOperatorKey(name)) {
        // An extension operator; FilterBinder refuses it unless the connector allows it.
        conditions.add(new Where.Extension(property, name, Values.normalize(entry.getValue())));
        continue;
      }
      Operator op =
          Operator.fromJsonName(name)
              .orElseThrow(() -> invalid(opPath, "unknown operator \"" + name + "\""));
      conditions.add(parseComparison(property, op, entry.getValue(), opPath, ignoreCase));
    }
    return conditions;
  }

  private static Where.Comparison parseComparison(
      String property, Operator op, Object operand, String path, boolean ignoreCase) {
    return switch (op) {
      case EQ, NEQ, GT, GTE, LT, LTE ->
          new Where.Comparison(property, op, Values.normalize(operand));
      case BETWEEN -> {
        List<Object> bounds = asArray(operand, path);
        if (bounds.size() != 2) {
          throw invalid(path, "needs exactly 2 values [low, high], got " + bounds.size());
        }
        yield new Where.Comparison(property, op, Values.normalize(bounds));
      }
      case INQ, NIN -> new Where.Comparison(property, op, Values.normalize(asArray(operand, path)));
      case LIKE, NLIKE, ILIKE, NILIKE -> {
        if (!(operand instanceof String pattern)) {
          throw invalid(path, "pattern must be a string, got " + show(operand));
        }
        Operator effective = op;
        if (ignoreCase) {
          effective =
              op == Operator.LIKE ? Operator.ILIKE : op == Operator.NLIKE ? Operator.NILIKE : op;
        }
        yield new Where.Comparison(property, effective, pattern);
      }
      case REGEXP -> {
        Regexp regexp = parseRegexp(operand, path);
        if (ignoreCase && !regexp.caseInsensitive()) {
          regexp = new Regexp(regexp.pattern(), regexp.flags() + "i");
        }
        yield new Where.Comparison(property, op, regexp);
      }
      case EXISTS -> {
        Boolean exists = asBoolean(operand);
        if (exists == null) {
          throw invalid(path, "must be true or false, got " + show(operand));
        }
        yield new Where.Comparison(property, op, exists);
      }
    };
  }

  /** A {@code $}-prefixed key without dots: an extension operator ({@link Where.Extension}). */
  private static boolean isOperatorKey(String key) {
    return key.length() > 1 && key.charAt(0) == '$' && key.indexOf('.') < 0;
  }

  /** Property paths: non-empty dot-separated segments, none starting with {@code $}. */
  private static void checkPathSyntax(String key, String path) {
    if (key.isEmpty()) {
      throw invalid(path, "empty property name");
    }
    for (String segment : key.split("\\.", -1)) {
      if (segment.isEmpty()) {
        throw invalid(path, "invalid property path " + Values.show(key));
      }
      if (segment.startsWith("$")) {
        throw invalid(path, "\"$\"-prefixed keys are not allowed: " + Values.show(key));
      }
    }
  }

  // ---------------------------------------------------------------- shapes

  /** Booleans, and their query-string forms {@code "true"}/{@code "false"}; null otherwise. */
  private static @Nullable Boolean asBoolean(Object value) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    if ("true".equals(value)) {
      return true;
    }
    if ("false".equals(value)) {
      return false;
    }
    return null;
  }

  private static Map<String, Object> asObject(Object value, String path) {
    if (!(value instanceof Map<?, ?> raw)) {
      throw invalid(path, "must be an object, got " + show(value));
    }
    Map<String, Object> map = new LinkedHashMap<>();
    raw.forEach((key, item) -> map.put(String.valueOf(key), item));
    return map;
  }

  private static List<Object> asArray(Object value, String path) {
    List<Object> items = asArrayOrNull(value, path);
    if (items == null) {
      throw invalid(path, "must be an array, got " + show(value));
    }
    return items;
  }

  /**
   * A JSON array, or the query-string form of one: an object with keys {@code "0"} … {@code "n-1"}.
   * Null when the value is neither a list nor an object.
   */
  private static @Nullable List<Object> asArrayOrNull(Object value, String path) {
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    if (value instanceof Object[] array) {
      return new ArrayList<>(List.of(array));
    }
    if (value instanceof Map<?, ?> map) {
      Object[] items = new Object[map.size()];
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        int index = indexOf(key, map.size());
        if (index < 0 || items[index] != null) {
          throw invalid(
              path,
              "an object read as an array needs the keys \"0\" … \""
                  + (map.size() - 1)
                  + "\", got key "
                  + Values.show(key));
        }
        // A JSON null element stays null; mark the slot as taken.
        items[index] = entry.getValue() == null ? NullSlot.INSTANCE : entry.getValue();
      }
      List<Object> list = new ArrayList<>(items.length);
      for (Object item : items) {
        list.add(item == NullSlot.INSTANCE ? null : item);
      }
      return list;
    }
    return null;
  }

  private static int indexOf(String key, int size) {
    if (!DIGITS.matcher(key).matches() || (key.length() > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    if (key.length() > 9) {
      return -1;
    }
    int index = Integer.parseInt(key);
    return index < size ? index : -1;
  }

  private enum NullSlot {
    INSTANCE
  }

  private static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  private static String show(Object value) {
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "an array";
    }
    return Values.show(value);
  }
}
