package io.connectorkit.connector.sql;

import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.sql.ParameterizedSql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The discovery engine: reads {@code information_schema} of the current schema (or the {@code
 * owner}/{@code schema} option) and describes tables as the contract's discovery results and as
 * model JSON (C1.2). Table names are always bound parameters.
 */
final class Catalog {
  /** The column comment prefix under which migration records a JSON column's model type. */
  static final String TYPE_COMMENT = "connectorkit:type=";

  private final JdbcConnector connector;
  private final JdbcDialect dialect;

  Catalog(JdbcConnector connector) {
    this.connector = connector;
    this.dialect = connector.dialect();
  }

  private String schema() {
    return dialect.currentSchema();
  }

  List<Map<String, Object>> tables(Map<String, Object> options) {
    Object owner = options.getOrDefault("owner", options.get("schema"));
    ParameterizedSql sql =
        owner == null
            ? ParameterizedSql.text(
                "SELECT TABLE_NAME, TABLE_TYPE, TABLE_SCHEMA FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = "
                    + schema()
                    + " ORDER BY TABLE_NAME")
            : ParameterizedSql.of(
                "SELECT TABLE_NAME, TABLE_TYPE, TABLE_SCHEMA FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME",
                String.valueOf(owner));
    boolean views = Boolean.TRUE.equals(options.get("views"));
    List<Map<String, Object>> tables = new ArrayList<>();
    for (Map<String, Object> row : connector.catalogQuery(sql)) {
      String type = String.valueOf(row.get("table_type")).toUpperCase(Locale.ROOT);
      boolean view = type.contains("VIEW");
      if (view && !views) {
        continue;
      }
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("type", view ? "view" : "table");
      table.put("name", row.get("table_name"));
      table.put("owner", row.get("table_schema"));
      tables.add(table);
    }
    return tables;
  }

  boolean exists(String table) {
    return !connector
        .catalogQuery(
            ParameterizedSql.of(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                    + schema()
                    + " AND TABLE_NAME = ?",
                table))
        .isEmpty();
  }

  /** Raw catalog rows of a table's columns, in column order. */
  List<Map<String, Object>> rawColumns(String table) {
    return connector.catalogQuery(ParameterizedSql.of(dialect.columnsQuery(), table));
  }

  Map<String, String> collations(String table) {
    Map<String, String> collations = new LinkedHashMap<>();
    for (Map<String, Object> column : rawColumns(table)) {
      Object collation = column.get("collation_name");
      if (collation != null) {
        collations.put(String.valueOf(column.get("column_name")), String.valueOf(collation));
      }
    }
    return collations;
  }

  /** Index name → its columns in order (the primary key excluded) and uniqueness. */
  Map<String, IndexInfo> indexes(String table) {
    Map<String, IndexInfo> indexes = new LinkedHashMap<>();
    for (Map<String, Object> row :
        connector.catalogQuery(ParameterizedSql.of(dialect.indexesQuery(), table))) {
      String name = String.valueOf(row.get("index_name"));
      if (name.equals("PRIMARY")) {
        continue;
      }
      boolean unique = String.valueOf(row.get("non_unique")).equals("0");
      indexes
          .computeIfAbsent(name, n -> new IndexInfo(new ArrayList<>(), unique))
          .columns()
          .add(String.valueOf(row.get("column_name")));
    }
    return indexes;
  }

  record IndexInfo(List<String> columns, boolean unique) {}

  List<Map<String, Object>> columns(String table) {
    List<Map<String, Object>> columns = new ArrayList<>();
    for (Map<String, Object> row : rawColumns(table)) {
      Map<String, Object> column = new LinkedHashMap<>();
      column.put("owner", null);
      column.put("tableName", table);
      column.put("columnName", row.get("column_name"));
      column.put("dataType", row.get("data_type"));
      column.put("dataLength", JdbcValues.number(row.get("character_maximum_length")));
      column.put("dataPrecision", JdbcValues.number(row.get("numeric_precision")));
      column.put("dataScale", JdbcValues.number(row.get("numeric_scale")));
      column.put("nullable", "YES".equals(row.get("is_nullable")) ? "Y" : "N");
      column.put("type", typeOf(row).toJson());
      columns.add(column);
    }
    return columns;
  }

  private PropertyType typeOf(Map<String, Object> row) {
    Object comment = row.get("column_comment");
    if (comment instanceof String text && text.startsWith(TYPE_COMMENT)) {
      Object json = JdbcValues.parseJson(text.substring(TYPE_COMMENT.length()));
      PropertyType type = JdbcValues.typeFromJson(json);
      if (type != null) {
        return type;
      }
    }
    return dialect.discoveredType(
        String.valueOf(row.get("data_type")).toLowerCase(Locale.ROOT),
        row.get("column_type") == null
            ? null
            : String.valueOf(row.get("column_type")).toLowerCase(Locale.ROOT));
  }

  List<Map<String, Object>> primaryKeys(String table) {
    List<Map<String, Object>> keys = new ArrayList<>();
    for (Map<String, Object> row :
        connector.catalogQuery(
            ParameterizedSql.of(
                "SELECT k.COLUMN_NAME, k.ORDINAL_POSITION, k.CONSTRAINT_NAME"
                    + " FROM information_schema.TABLE_CONSTRAINTS t"
                    + " JOIN information_schema.KEY_COLUMN_USAGE k"
                    + " ON k.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
                    + " AND k.TABLE_SCHEMA = t.TABLE_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME"
                    + " WHERE t.CONSTRAINT_TYPE = 'PRIMARY KEY' AND t.TABLE_SCHEMA = "
                    + schema()
                    + " AND t.TABLE_NAME = ? ORDER BY k.ORDINAL_POSITION",
                table))) {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("owner", null);
      key.put("tableName", table);
      key.put("columnName", row.get("column_name"));
      key.put("keySeq", JdbcValues.number(row.get("ordinal_position")));
      key.put("pkName", row.get("constraint_name"));
      keys.add(key);
    }
    return keys;
  }

  List<Map<String, Object>> foreignKeys(String table) {
    List<Map<String, Object>> keys = new ArrayList<>();
    for (Map<String, Object> row :
        connector.catalogQuery(ParameterizedSql.of(dialect.foreignKeysQuery(), table))) {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("fkOwner", null);
      key.put("fkName", row.get("constraint_name"));
      key.put("fkTableName", table);
      key.put("fkColumnName", row.get("column_name"));
      key.put("keySeq", JdbcValues.number(row.get("ordinal_position")));
      key.put("pkOwner", row.get("referenced_table_schema"));
      key.put("pkName", null);
      key.put("pkTableName", row.get("referenced_table_name"));
      key.put("pkColumnName", row.get("referenced_column_name"));
      keys.add(key);
    }
    return keys;
  }

  /** Model JSON (C1.2) describing a table, which {@code define} accepts as is. */
  Map<String, Object> schema(String table) {
    List<Map<String, Object>> raw = rawColumns(table);
    if (raw.isEmpty()) {
      throw new io.connectorkit.core.common.ConnectorException(
          io.connectorkit.core.common.ErrorCode.MODEL_NOT_FOUND,
          "table \"" + table + "\" not found on " + connector.name());
    }
    Map<String, Integer> idPositions = new LinkedHashMap<>();
    for (Map<String, Object> key : primaryKeys(table)) {
      idPositions.put(String.valueOf(key.get("columnName")), idPositions.size() + 1);
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Map<String, Object> row : raw) {
      String column = String.valueOf(row.get("column_name"));
      Map<String, Object> property = new LinkedHashMap<>();
      PropertyType type = typeOf(row);
      property.put("type", type.toJson());
      boolean generated =
          String.valueOf(row.get("extra")).toLowerCase(Locale.ROOT).contains("auto_increment");
      Integer idPosition = idPositions.get(column);
      if (idPosition != null) {
        property.put("id", idPositions.size() == 1 ? (Object) true : idPosition);
        if (generated) {
          property.put("generated", true);
        }
      } else if ("NO".equals(row.get("is_nullable"))) {
        property.put("required", true);
      }
      String dataType = String.valueOf(row.get("data_type")).toLowerCase(Locale.ROOT);
      Object length = JdbcValues.number(row.get("character_maximum_length"));
      if (type.kind() == PropertyType.Kind.STRING
          && (dataType.equals("varchar")
              || dataType.equals("char")
              || dataType.equals("character varying")
              || dataType.equals("character"))
          && length instanceof Long) {
        property.put("length", length);
      }
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("columnName", column);
      section.put("dataType", dataType);
      putIfNotNull(section, "dataLength", length);
      putIfNotNull(section, "dataPrecision", JdbcValues.number(row.get("numeric_precision")));
      putIfNotNull(section, "dataScale", JdbcValues.number(row.get("numeric_scale")));
      section.put("nullable", "YES".equals(row.get("is_nullable")) ? "Y" : "N");
      property.put(dialect.settingsKey(), section);
      properties.put(column, property);
    }
    for (Map.Entry<String, IndexInfo> index : indexes(table).entrySet()) {
      IndexInfo info = index.getValue();
      if (info.columns().size() == 1
          && index.getKey().equals(dialect.indexName(table, info.columns().get(0)))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> property = (Map<String, Object>) properties.get(info.columns().get(0));
        if (property != null) {
          property.put("index", info.unique() ? Map.of("unique", true) : true);
        }
      }
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", table);
    if (idPositions.isEmpty()) {
      model.put("idInjection", false);
    }
    model.put(dialect.settingsKey(), Map.of("table", table));
    model.put("properties", properties);
    return model;
  }

  private static void putIfNotNull(Map<String, Object> map, String key, @Nullable Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
