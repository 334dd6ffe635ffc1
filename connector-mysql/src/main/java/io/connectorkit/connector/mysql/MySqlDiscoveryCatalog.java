package io.connectorkit.connector.mysql;

import io.connectorkit.connector.sql.DiscoveryCatalog;

/**
 * MySQL's and MariaDB's {@code information_schema} for whole-schema discovery. MariaDB stores a
 * {@code JSON} column as {@code longtext} with a {@code json_valid} check: that check makes it
 * {@code json} again. An {@code enum} column's values are read from its {@code COLUMN_TYPE} by the
 * discovery engine.
 */
final class MySqlDiscoveryCatalog implements DiscoveryCatalog {
  private static final String IS_JSON =
      "(c.DATA_TYPE = 'json' OR EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS tc"
          + " JOIN information_schema.CHECK_CONSTRAINTS cc"
          + " ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
          + " AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
          + " WHERE tc.TABLE_SCHEMA = c.TABLE_SCHEMA AND tc.TABLE_NAME = c.TABLE_NAME"
          + " AND tc.CONSTRAINT_TYPE = 'CHECK'"
          + " AND cc.CHECK_CLAUSE = CONCAT('json_valid(`', c.COLUMN_NAME, '`)')))";

  @Override
  public String tablesQuery() {
    return "SELECT TABLE_NAME AS table_name, TABLE_TYPE AS table_type"
        + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME";
  }

  @Override
  public String columnsQuery() {
    return "SELECT c.COLUMN_NAME AS column_name,"
        + " CASE WHEN "
        + IS_JSON
        + " THEN 'json' ELSE c.DATA_TYPE END AS data_type,"
        + " CASE WHEN "
        + IS_JSON
        + " THEN 'json' ELSE c.COLUMN_TYPE END AS column_type,"
        + " c.CHARACTER_MAXIMUM_LENGTH AS character_maximum_length,"
        + " c.NUMERIC_PRECISION AS numeric_precision, c.NUMERIC_SCALE AS numeric_scale,"
        + " c.IS_NULLABLE AS is_nullable, c.COLUMN_DEFAULT AS column_default,"
        + " CASE WHEN c.EXTRA LIKE '%auto_increment%' THEN 'YES' ELSE 'NO' END AS generated,"
        + " NULL AS enum_values,"
        + " NULL AS element_type, c.COLUMN_COMMENT AS column_comment"
        + " FROM information_schema.COLUMNS c"
        + " WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ? ORDER BY c.ORDINAL_POSITION";
  }

  @Override
  public String indexesQuery() {
    return "SELECT INDEX_NAME AS index_name, NON_UNIQUE AS non_unique, COLUMN_NAME AS column_name,"
        + " CASE WHEN INDEX_NAME = 'PRIMARY' THEN 1 ELSE 0 END AS is_primary"
        + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
        + " ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX";
  }

  @Override
  public String foreignKeysQuery() {
    return "SELECT CONSTRAINT_NAME AS constraint_name, COLUMN_NAME AS column_name,"
        + " REFERENCED_TABLE_NAME AS referenced_table_name,"
        + " REFERENCED_COLUMN_NAME AS referenced_column_name"
        + " FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
        + " AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION";
  }

  @Override
  public String currentSchema() {
    return "DATABASE()";
  }
}
