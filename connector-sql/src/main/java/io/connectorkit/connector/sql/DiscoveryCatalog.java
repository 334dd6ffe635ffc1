package io.connectorkit.connector.sql;

/**
 * The catalog queries of one database for whole-schema discovery ({@code discoverSchemas} with
 * relations, indexes, enum values, defaults and exact types; {@code docs/contract.md} C7). A SQL
 * connector that has one returns it from {@link JdbcDialect#discoveryCatalog()}; every query takes
 * the schema name as its first bound parameter and the table (where it has one) as its second, and
 * answers with the lower-case labels named below.
 */
public interface DiscoveryCatalog {

  /**
   * Tables and views of a schema. Labels: {@code table_name}, {@code table_type} (containing {@code
   * VIEW} for a view).
   */
  String tablesQuery();

  /**
   * A table's columns in column order. Labels: {@code column_name}; {@code data_type} (lower case,
   * e.g. {@code decimal}, {@code json}, {@code array}); {@code column_type}, the exact type as DDL
   * would write it ({@code decimal(10,2)}, {@code enum('a','b')}, {@code text[]}); {@code
   * character_maximum_length}; {@code numeric_precision} and {@code numeric_scale} (for decimal
   * types only); {@code is_nullable} ({@code YES}/{@code NO}); {@code column_default} (the
   * default's SQL expression, or null); {@code generated} ({@code YES} for an auto-increment or
   * identity column); {@code enum_values} (a JSON array of the values of an enum column, or null);
   * {@code element_type} (the item data type of an array column, or null); {@code column_comment}.
   */
  String columnsQuery();

  /**
   * A table's indexes, one row per column in index order, the primary key included. Labels: {@code
   * index_name}, {@code non_unique} ({@code 0} for a unique index), {@code column_name}, {@code
   * is_primary} ({@code 1} for the primary key).
   */
  String indexesQuery();

  /**
   * A table's foreign keys, one row per column, ordered by constraint and position. Labels: {@code
   * constraint_name}, {@code column_name}, {@code referenced_table_name}, {@code
   * referenced_column_name}.
   */
  String foreignKeysQuery();

  /** The SQL expression naming the connection's current schema, e.g. {@code DATABASE()}. */
  String currentSchema();

  /**
   * The name a model's index declaration needs so that migration recreates the index under {@code
   * index}: migration may qualify index names by table, so a catalog whose names carry that prefix
   * strips it. The default is {@code index} unchanged.
   *
   * @param table never null
   * @param index never null
   */
  default String modelIndexName(String table, String index) {
    return index;
  }
}
