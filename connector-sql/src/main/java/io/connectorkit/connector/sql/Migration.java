package io.connectorkit.connector.sql;

import io.connectorkit.core.model.IndexDefinition;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration engine: {@code automigrate} drops and creates tables with their primary key and
 * indexes; {@code autoupdate} adds missing columns and indexes and drops columns only when
 * destructive; {@code isActual} says whether autoupdate has anything to do. DDL cannot take bound
 * parameters: every identifier in it comes from the model and is quoted by the dialect.
 */
final class Migration {
  private static final Logger log = LoggerFactory.getLogger(Migration.class);

  private final JdbcConnector connector;
  private final JdbcDialect dialect;

  Migration(JdbcConnector connector) {
    this.connector = connector;
    this.dialect = connector.dialect();
  }

  void automigrate(List<ModelDefinition> models) {
    for (ModelDefinition model : models) {
      String table = connector.statements().tableName(model);
      connector.ddl("DROP TABLE IF EXISTS " + dialect.quoteIdentifier(table));
      createTableStatements(model).forEach(connector::ddl);
      connector.loadCollations(table);
    }
  }

  void autoupdate(List<ModelDefinition> models, boolean destructive) {
    for (ModelDefinition model : models) {
      String table = connector.statements().tableName(model);
      Catalog catalog = new Catalog(connector);
      if (!catalog.exists(table)) {
        createTableStatements(model).forEach(connector::ddl);
        connector.loadCollations(table);
        continue;
      }
      Set<String> existing = existingColumns(catalog, table);
      Set<String> keyed = keyedProperties(model);
      for (PropertyDefinition property : model.properties().values()) {
        if (!existing.contains(connector.statements().columnName(property))) {
          connector.ddl(
              "ALTER TABLE "
                  + dialect.quoteIdentifier(table)
                  + " ADD COLUMN "
                  + columnDefinition(property, keyed.contains(property.name()), model));
          String comment = commentStatement(table, property);
          if (comment != null) {
            connector.ddl(comment);
          }
        }
      }
      if (destructive) {
        Set<String> declared = new HashSet<>();
        model
            .properties()
            .values()
            .forEach(p -> declared.add(connector.statements().columnName(p)));
        for (String column : existing) {
          if (!declared.contains(column)) {
            connector.ddl(
                "ALTER TABLE "
                    + dialect.quoteIdentifier(table)
                    + " DROP COLUMN "
                    + dialect.quoteIdentifier(column));
          }
        }
      }
      Set<String> indexes = catalog.indexes(table).keySet();
      for (IndexDefinition index : model.indexes()) {
        List<String> columns = indexColumns(model, index);
        if (columns != null && !indexes.contains(dialect.indexName(table, index.name()))) {
          connector.ddl(createIndex(table, index, columns));
        }
      }
      connector.loadCollations(table);
    }
  }

  boolean isActual(List<ModelDefinition> models) {
    Catalog catalog = new Catalog(connector);
    for (ModelDefinition model : models) {
      String table = connector.statements().tableName(model);
      if (!catalog.exists(table)) {
        return false;
      }
      Set<String> existing = existingColumns(catalog, table);
      for (PropertyDefinition property : model.properties().values()) {
        if (!existing.contains(connector.statements().columnName(property))) {
          return false;
        }
      }
      Set<String> indexes = catalog.indexes(table).keySet();
      for (IndexDefinition index : model.indexes()) {
        if (indexColumns(model, index) != null
            && !indexes.contains(dialect.indexName(table, index.name()))) {
          return false;
        }
      }
    }
    return true;
  }

  private static Set<String> existingColumns(Catalog catalog, String table) {
    Set<String> columns = new LinkedHashSet<>();
    catalog.rawColumns(table).forEach(row -> columns.add(String.valueOf(row.get("column_name"))));
    return columns;
  }

  /** Properties in the primary key or an index: their columns must be indexable. */
  private static Set<String> keyedProperties(ModelDefinition model) {
    Set<String> keyed = new HashSet<>();
    model.idProperties().forEach(p -> keyed.add(p.name()));
    model.indexes().forEach(index -> keyed.addAll(index.keys().keySet()));
    return keyed;
  }

  private String createIndex(String table, IndexDefinition index, List<String> columns) {
    return "CREATE "
        + (index.unique() ? "UNIQUE " : "")
        + "INDEX "
        + dialect.quoteIdentifier(dialect.indexName(table, index.name()))
        + " ON "
        + dialect.quoteIdentifier(table)
        + " ("
        + String.join(", ", columns)
        + ")";
  }

  /** The comment statement of a JSON column, when the dialect writes comments separately. */
  private @Nullable String commentStatement(String table, PropertyDefinition property) {
    return switch (property.type().kind()) {
      case OBJECT, ARRAY, ANY ->
          dialect.columnCommentStatement(
              dialect.quoteIdentifier(table),
              dialect.quoteIdentifier(connector.statements().columnName(property)),
              Catalog.TYPE_COMMENT + JdbcValues.toJson(property.type().toJson()));
      default -> null;
    };
  }

  /**
   * {@code CREATE TABLE}, then what the dialect cannot declare inside it: column comments and
   * indexes.
   */
  List<String> createTableStatements(ModelDefinition model) {
    List<String> statements = new ArrayList<>();
    statements.add(createTable(model));
    String table = connector.statements().tableName(model);
    for (PropertyDefinition property : model.properties().values()) {
      String comment = commentStatement(table, property);
      if (comment != null) {
        statements.add(comment);
      }
    }
    if (!dialect.inlineIndexes()) {
      for (IndexDefinition index : model.indexes()) {
        List<String> columns = indexColumns(model, index);
        if (columns != null) {
          statements.add(createIndex(table, index, columns));
        }
      }
    }
    return statements;
  }

  String createTable(ModelDefinition model) {
    Set<String> keyed = keyedProperties(model);
    List<String> parts = new ArrayList<>();
    for (PropertyDefinition property : model.properties().values()) {
      parts.add(columnDefinition(property, keyed.contains(property.name()), model));
    }
    List<PropertyDefinition> ids = model.idProperties();
    if (!ids.isEmpty()) {
      parts.add(
          "PRIMARY KEY ("
              + String.join(
                  ", ",
                  ids.stream()
                      .map(p -> dialect.quoteIdentifier(connector.statements().columnName(p)))
                      .toList())
              + ")");
    }
    for (IndexDefinition index :
        dialect.inlineIndexes() ? model.indexes() : List.<IndexDefinition>of()) {
      List<String> columns = indexColumns(model, index);
      if (columns != null) {
        parts.add(
            (index.unique() ? "UNIQUE " : "")
                + "KEY "
                + dialect.quoteIdentifier(
                    dialect.indexName(connector.statements().tableName(model), index.name()))
                + " ("
                + String.join(", ", columns)
                + ")");
      }
    }
    return "CREATE TABLE "
        + dialect.quoteIdentifier(connector.statements().tableName(model))
        + " (\n  "
        + String.join(",\n  ", parts)
        + "\n)"
        + dialect.tableOptions();
  }

  /**
   * The quoted columns of an index with their directions, or null (logged) when a key cannot be
   * indexed.
   */
  private @Nullable List<String> indexColumns(ModelDefinition model, IndexDefinition index) {
    List<String> columns = new ArrayList<>();
    for (Map.Entry<String, Integer> key : index.keys().entrySet()) {
      PropertyDefinition property = model.properties().get(key.getKey());
      if (property == null || !indexable(property.type())) {
        log.warn(
            "{}: index {} of model {} is not created: `{}` cannot be indexed",
            connector.name(),
            index.name(),
            model.name(),
            key.getKey());
        return null;
      }
      // The key's direction, with the contract's NULLS order (C4.2): an ordered find is then read
      // off the index instead of sorted (MariaDB "Using filesort", a PostgreSQL Sort node).
      columns.add(
          dialect.orderKey(
              dialect.quoteIdentifier(connector.statements().columnName(property)),
              key.getValue() < 0));
    }
    return columns;
  }

  private static boolean indexable(PropertyType type) {
    return switch (type.kind()) {
      case STRING, NUMBER, BOOLEAN, DATE -> true;
      default -> false;
    };
  }

  private String columnDefinition(
      PropertyDefinition property, boolean keyed, ModelDefinition model) {
    StringBuilder column = new StringBuilder();
    // A discovered column keeps its exact type, nullability and default (docs/contract.md C7).
    String exactType = DdlFragments.fragment(model, property, dialect.settingsKey(), "columnType");
    String dbDefault = DdlFragments.fragment(model, property, dialect.settingsKey(), "dbDefault");
    column
        .append(dialect.quoteIdentifier(connector.statements().columnName(property)))
        .append(' ')
        .append(exactType != null ? exactType : dialect.columnType(property, keyed));
    if (property.isId()) {
      column.append(" NOT NULL");
      if (property.generated()
          && property.type().kind() == PropertyType.Kind.NUMBER
          && model.idProperties().size() == 1) {
        column.append(dialect.autoIncrement());
      }
    } else if ("N".equals(property.connectorSettings(dialect.settingsKey()).get("nullable"))) {
      column.append(" NOT NULL");
    } else {
      column.append(" NULL");
    }
    if (dbDefault != null && !property.generated()) {
      column.append(" DEFAULT ").append(dbDefault);
    }
    switch (property.type().kind()) {
      case OBJECT, ARRAY, ANY ->
          column.append(
              dialect.columnComment(
                  Catalog.TYPE_COMMENT + JdbcValues.toJson(property.type().toJson())));
      default -> {}
    }
    return column.toString();
  }
}
