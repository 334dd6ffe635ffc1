package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.ModelNames;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.Values;
import io.connectorkit.core.spi.sql.ParameterizedSql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Model JSON (C1.2) for one table or view as an application uses it: LoopBack's names (PascalCase
 * models, camelCase properties, the table and column names kept in the connector section) unless
 * the {@code keepNames} option is true; exact column types ({@code columnType}); enum values as
 * {@code enum} and {@code jsonSchema.enum}; database defaults as {@code dbDefault} (and as {@code
 * default} / {@code defaultFn} where the DAO can apply the same value), never {@code required};
 * indexes and unique keys as {@code indexes}; foreign keys as LoopBack's {@code foreignKeys}, from
 * which {@code connectorkit discover} derives the relations; views marked {@code "view": true}.
 */
final class SchemaDiscovery {
  private static final Pattern CAST =
      Pattern.compile("^(.*?)::[A-Za-z_][A-Za-z0-9_ .\"\\[\\]()]*$");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern NOW =
      Pattern.compile(
          "(current_timestamp|now|localtimestamp|transaction_timestamp)(\\(\\d*\\))?",
          Pattern.CASE_INSENSITIVE);

  private final JdbcConnector connector;
  private final DiscoveryCatalog catalog;
  private final String settingsKey;

  SchemaDiscovery(JdbcConnector connector, DiscoveryCatalog catalog) {
    this.connector = connector;
    this.catalog = catalog;
    this.settingsKey = connector.dialect().settingsKey();
  }

  Map<String, Object> schema(String table, Map<String, Object> options) {
    boolean keepNames = Boolean.TRUE.equals(options.get("keepNames"));
    String schema = schemaOf(options);
    List<Map<String, Object>> columns = query(catalog.columnsQuery(), schema, table);
    if (columns.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.MODEL_NOT_FOUND,
          "table \"" + table + "\" not found in schema \"" + schema + "\" on " + connector.name());
    }
    boolean view = isView(schema, table);
    Map<String, List<String>> indexColumns = new LinkedHashMap<>();
    Map<String, Boolean> uniqueIndexes = new LinkedHashMap<>();
    List<String> primaryKey = new ArrayList<>();
    for (Map<String, Object> row : query(catalog.indexesQuery(), schema, table)) {
      String column = String.valueOf(row.get("column_name"));
      if (truthy(row.get("is_primary"))) {
        primaryKey.add(column);
        continue;
      }
      String index = String.valueOf(row.get("index_name"));
      indexColumns.computeIfAbsent(index, i -> new ArrayList<>()).add(column);
      uniqueIndexes.put(index, !truthy(row.get("non_unique")));
    }

    Map<String, String> propertyNames = new LinkedHashMap<>();
    Set<String> taken = new LinkedHashSet<>();
    for (Map<String, Object> row : columns) {
      String column = String.valueOf(row.get("column_name"));
      String name = keepNames ? column : ModelNames.camel(column);
      if (!taken.add(name)) {
        name = column; // two columns that camel-case alike: the second keeps its own name
        taken.add(name);
      }
      propertyNames.put(column, name);
    }

    Map<String, Object> properties = new LinkedHashMap<>();
    for (Map<String, Object> row : columns) {
      String column = String.valueOf(row.get("column_name"));
      properties.put(
          propertyNames.get(column), property(row, primaryKey.indexOf(column) + 1, primaryKey));
    }

    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", keepNames ? table : ModelNames.pascal(table));
    if (primaryKey.isEmpty()) {
      model.put("idInjection", false);
    }
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("schema", schema);
    section.put("table", table);
    if (view) {
      section.put("view", true);
    }
    model.put(settingsKey, section);
    model.put("properties", properties);

    Map<String, Object> indexes = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> index : indexColumns.entrySet()) {
      Map<String, Object> keys = new LinkedHashMap<>();
      index.getValue().forEach(column -> keys.put(propertyNames.get(column), 1));
      Map<String, Object> declaration = new LinkedHashMap<>();
      declaration.put("keys", keys);
      if (Boolean.TRUE.equals(uniqueIndexes.get(index.getKey()))) {
        declaration.put("options", Map.of("unique", true));
      }
      indexes.put(catalog.modelIndexName(table, index.getKey()), declaration);
    }
    if (!indexes.isEmpty()) {
      model.put("indexes", indexes);
    }

    Map<String, Object> foreignKeys = foreignKeys(schema, table, propertyNames, keepNames);
    if (!foreignKeys.isEmpty()) {
      model.put("foreignKeys", foreignKeys);
    }
    return model;
  }

  private Map<String, Object> property(
      Map<String, Object> row, int idPosition, List<String> primaryKey) {
    String dataType = lower(row.get("data_type"));
    String columnType = row.get("column_type") == null ? dataType : (String) row.get("column_type");
    boolean nullable = "YES".equalsIgnoreCase(String.valueOf(row.get("is_nullable")));
    boolean generated = truthy(row.get("generated"));
    Object expression = row.get("column_default");
    List<Object> enumValues =
        row.get("enum_values") == null
            ? null
            : asList(JdbcValues.parseJson(String.valueOf(row.get("enum_values"))));
    if (enumValues == null && (dataType.equals("enum") || dataType.equals("set"))) {
      enumValues = quotedList(columnType);
    }
    PropertyType type = type(row, dataType, columnType);

    Map<String, Object> property = new LinkedHashMap<>();
    property.put("type", type.toJson());
    if (idPosition > 0) {
      property.put("id", primaryKey.size() == 1 ? (Object) true : idPosition);
      if (generated) {
        property.put("generated", true);
      }
    }
    Object length = JdbcValues.number(row.get("character_maximum_length"));
    if (type.kind() == PropertyType.Kind.STRING
        && length instanceof Long
        && (dataType.contains("char") || dataType.equals("varchar"))) {
      property.put("length", length);
    }
    if (enumValues != null && !enumValues.isEmpty()) {
      property.put("enum", enumValues);
      property.put("jsonSchema", Map.of("enum", enumValues));
    }
    boolean hasDefault = expression != null && !generated && !isNullLiteral(expression);
    if (hasDefault) {
      Object defaultValue = literal(String.valueOf(expression), type);
      if (defaultValue == NOW_FN) {
        property.put("defaultFn", "now");
      } else if (defaultValue != null) {
        property.put("default", defaultValue);
      }
    }
    // NOT NULL with a default is filled by the database: it is not required of the caller.
    if (idPosition == 0 && !nullable && !hasDefault && !generated) {
      property.put("required", true);
    }

    Map<String, Object> section = new LinkedHashMap<>();
    section.put("columnName", row.get("column_name"));
    section.put("dataType", dataType);
    section.put("columnType", columnType);
    putIfNotNull(section, "dataLength", length);
    if (dataType.equals("decimal") || dataType.equals("numeric")) {
      putIfNotNull(section, "dataPrecision", JdbcValues.number(row.get("numeric_precision")));
      putIfNotNull(section, "dataScale", JdbcValues.number(row.get("numeric_scale")));
    }
    section.put("nullable", nullable ? "Y" : "N");
    if (hasDefault) {
      section.put("dbDefault", String.valueOf(expression));
    }
    putIfNotNull(section, "elementType", row.get("element_type"));
    property.put(settingsKey, section);
    return property;
  }

  private PropertyType type(Map<String, Object> row, String dataType, String columnType) {
    Object comment = row.get("column_comment");
    if (comment instanceof String text && text.startsWith(Catalog.TYPE_COMMENT)) {
      PropertyType recorded =
          JdbcValues.typeFromJson(
              JdbcValues.parseJson(text.substring(Catalog.TYPE_COMMENT.length())));
      if (recorded != null) {
        return recorded;
      }
    }
    String lowerType = columnType.toLowerCase(Locale.ROOT);
    if (dataType.equals("array") || lowerType.endsWith("[]")) {
      String item = lower(row.get("element_type"));
      return PropertyType.arrayOf(scalarType(item, item));
    }
    return scalarType(dataType, lowerType);
  }

  private PropertyType scalarType(String dataType, String columnType) {
    return switch (dataType) {
      case "json", "jsonb" -> PropertyType.OBJECT;
      case "enum", "set", "uuid", "time", "time without time zone", "time with time zone" ->
          PropertyType.STRING;
      case "year", "int2", "int4", "int8", "float4", "float8" -> PropertyType.NUMBER;
      case "text", "varchar", "bpchar" -> PropertyType.STRING;
      case "bool" -> PropertyType.BOOLEAN;
      case "bit" ->
          // BIT(1) is MySQL's boolean; wider bit fields are bytes, never a boolean.
          columnType.equals("bit(1)") || columnType.equals("bit")
              ? PropertyType.BOOLEAN
              : PropertyType.BUFFER;
      default -> connector.dialect().discoveredType(dataType, columnType);
    };
  }

  private static final Object NOW_FN = new Object();

  /**
   * The value of a default expression when it is a literal the DAO can apply as {@code default}
   * ({@link #NOW_FN} for the current time on a date); null for any other expression, which only the
   * database evaluates.
   */
  static @Nullable Object literal(String expression, PropertyType type) {
    String text = expression.trim();
    Matcher cast = CAST.matcher(text);
    while (cast.matches()) {
      text = cast.group(1).trim();
      cast = CAST.matcher(text);
    }
    if (text.startsWith("(") && text.endsWith(")")) {
      text = text.substring(1, text.length() - 1).trim();
    }
    Object value;
    if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
      value = text.substring(1, text.length() - 1).replace("''", "'");
    } else if (NUMBER.matcher(text).matches()) {
      value = text;
    } else if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      value = text.toLowerCase(Locale.ROOT);
    } else if (NOW.matcher(text).matches()) {
      return type.kind() == PropertyType.Kind.DATE ? NOW_FN : null;
    } else {
      return null;
    }
    try {
      return switch (type.kind()) {
        case STRING -> value;
        case NUMBER, BOOLEAN -> Values.coerce(value, type);
        case DATE -> {
          Values.coerce(value, type); // a zero date ('0000-00-00') is no default the DAO can apply
          yield value;
        }
        default -> null;
      };
    } catch (IllegalArgumentException | ConnectorException e) {
      return null;
    }
  }

  private Map<String, Object> foreignKeys(
      String schema, String table, Map<String, String> propertyNames, boolean keepNames) {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Map<String, Object> row : query(catalog.foreignKeysQuery(), schema, table)) {
      String name = String.valueOf(row.get("constraint_name"));
      String referenced = String.valueOf(row.get("referenced_table_name"));
      Map<String, Object> key =
          byName.computeIfAbsent(
              name,
              n -> {
                Map<String, Object> fk = new LinkedHashMap<>();
                fk.put("name", n);
                fk.put("entity", keepNames ? referenced : ModelNames.pascal(referenced));
                fk.put("entityTable", referenced);
                fk.put("entityKey", new ArrayList<String>());
                fk.put("foreignKey", new ArrayList<String>());
                return fk;
              });
      @SuppressWarnings("unchecked")
      List<String> keys =
          (List<String>) requireNonNull(key.get("foreignKey"), "foreignKey is null");
      keys.add(propertyNames.get(String.valueOf(row.get("column_name"))));
      @SuppressWarnings("unchecked")
      List<String> entityKeys =
          (List<String>) requireNonNull(key.get("entityKey"), "entityKey is null");
      String referencedColumn = String.valueOf(row.get("referenced_column_name"));
      entityKeys.add(keepNames ? referencedColumn : ModelNames.camel(referencedColumn));
    }
    Map<String, Object> foreignKeys = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> fk : byName.entrySet()) {
      Map<String, Object> key = fk.getValue();
      // LoopBack's shape: one column is a string; a composite key is its comma-joined columns.
      key.put("foreignKey", String.join(",", castList(key.get("foreignKey"))));
      key.put("entityKey", String.join(",", castList(key.get("entityKey"))));
      foreignKeys.put(fk.getKey(), key);
    }
    return foreignKeys;
  }

  private boolean isView(String schema, String table) {
    for (Map<String, Object> row : query(catalog.tablesQuery(), schema)) {
      if (table.equals(row.get("table_name"))) {
        return lower(row.get("table_type")).contains("view");
      }
    }
    return false;
  }

  String schemaOf(Map<String, Object> options) {
    Object owner = options.getOrDefault("owner", options.get("schema"));
    if (owner != null) {
      return String.valueOf(owner);
    }
    List<Map<String, Object>> rows =
        connector.catalogQuery(
            ParameterizedSql.text("SELECT " + catalog.currentSchema() + " AS schema_name"));
    return String.valueOf(rows.get(0).get("schema_name"));
  }

  private List<Map<String, Object>> query(String sql, Object... params) {
    return connector.catalogQuery(ParameterizedSql.of(sql, params));
  }

  /** The values of {@code enum('a','b''c')}: {@code a}, {@code b'c}. */
  static List<Object> quotedList(String columnType) {
    List<Object> values = new ArrayList<>();
    int open = columnType.indexOf('(');
    StringBuilder value = null;
    for (int i = open + 1; open >= 0 && i < columnType.length(); i++) {
      char c = columnType.charAt(i);
      if (value == null) {
        if (c == '\'') {
          value = new StringBuilder();
        }
      } else if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
        value.append('\'');
        i++;
      } else if (c == '\'') {
        values.add(value.toString());
        value = null;
      } else {
        value.append(c);
      }
    }
    return values;
  }

  private static boolean truthy(@Nullable Object value) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof Number number) {
      return number.longValue() != 0;
    }
    String text = String.valueOf(value);
    return text.equals("1") || text.equalsIgnoreCase("YES") || text.equalsIgnoreCase("true");
  }

  private static boolean isNullLiteral(Object expression) {
    String text = String.valueOf(expression).trim();
    return text.equalsIgnoreCase("NULL") || text.toUpperCase(Locale.ROOT).startsWith("NULL::");
  }

  private static String lower(@Nullable Object value) {
    return value == null ? "" : String.valueOf(value).toLowerCase(Locale.ROOT);
  }

  private static @Nullable List<Object> asList(@Nullable Object json) {
    return json instanceof List<?> list ? new ArrayList<>(list) : null;
  }

  /** A key list of {@link #foreignKeys}, which puts both into every key it builds. */
  @SuppressWarnings("unchecked")
  private static List<String> castList(@Nullable Object value) {
    return (List<String>) requireNonNull(value, "list is null");
  }

  private static void putIfNotNull(Map<String, Object> map, String key, @Nullable Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
