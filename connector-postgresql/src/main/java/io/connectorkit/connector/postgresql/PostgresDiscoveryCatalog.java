package io.connectorkit.connector.postgresql;

import io.connectorkit.connector.sql.DiscoveryCatalog;

/**
 * PostgreSQL's {@code pg_catalog} for whole-schema discovery: {@code format_type} gives the exact
 * column type ({@code numeric(10,2)}, {@code text[]}); an enum column's type is qualified by its
 * schema so that a migration into another schema still finds it; a column collation other than its
 * type's default is part of the type.
 */
final class PostgresDiscoveryCatalog implements DiscoveryCatalog {

  @Override
  public String tablesQuery() {
    return "SELECT c.relname AS table_name,"
        + " CASE WHEN c.relkind IN ('v', 'm') THEN 'VIEW' ELSE 'TABLE' END AS table_type"
        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname";
  }

  @Override
  public String columnsQuery() {
    return "SELECT a.attname AS column_name,"
        + " CASE WHEN t.typcategory = 'A' THEN 'array' WHEN t.typtype = 'e' THEN 'enum'"
        + " ELSE format_type(a.atttypid, NULL) END AS data_type,"
        + " CASE WHEN t.typtype = 'e' THEN quote_ident(tn.nspname) || '.' || quote_ident(t.typname)"
        + " ELSE format_type(a.atttypid, a.atttypmod) END"
        + " || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation"
        + " THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END AS column_type,"
        + " CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod > 0 THEN a.atttypmod - 4 END"
        + " AS character_maximum_length,"
        + " CASE WHEN a.atttypid = 1700 AND a.atttypmod > 0"
        + " THEN ((a.atttypmod - 4) >> 16) & 65535 END AS numeric_precision,"
        + " CASE WHEN a.atttypid = 1700 AND a.atttypmod > 0"
        + " THEN (a.atttypmod - 4) & 65535 END AS numeric_scale,"
        + " CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable,"
        // an enum default's cast names its type with the schema, as column_type does
        + " CASE WHEN t.typtype = 'e' THEN regexp_replace(pg_get_expr(d.adbin, d.adrelid),"
        + " '::' || quote_ident(t.typname) || '$',"
        + " '::' || quote_ident(tn.nspname) || '.' || quote_ident(t.typname))"
        + " ELSE pg_get_expr(d.adbin, d.adrelid) END AS column_default,"
        + " CASE WHEN a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%'"
        + " THEN 'YES' ELSE 'NO' END AS generated,"
        + " (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)::text FROM pg_catalog.pg_enum e"
        + " WHERE e.enumtypid = a.atttypid) AS enum_values,"
        + " CASE WHEN t.typcategory = 'A' THEN format_type(t.typelem, NULL) END AS element_type,"
        + " col_description(a.attrelid, a.attnum) AS column_comment"
        + " FROM pg_catalog.pg_attribute a"
        + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
        + " JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace"
        + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
        + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped"
        + " ORDER BY a.attnum";
  }

  @Override
  public String indexesQuery() {
    return "SELECT i.relname AS index_name,"
        + " CASE WHEN x.indisunique THEN 0 ELSE 1 END AS non_unique,"
        + " a.attname AS column_name, CASE WHEN x.indisprimary THEN 1 ELSE 0 END AS is_primary"
        + " FROM pg_catalog.pg_index x"
        + " JOIN pg_catalog.pg_class t ON t.oid = x.indrelid"
        + " JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
        + " CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
        + " WHERE n.nspname = ? AND t.relname = ?"
        + " ORDER BY x.indisprimary DESC, i.relname, k.ord";
  }

  @Override
  public String foreignKeysQuery() {
    return "SELECT c.conname AS constraint_name, a.attname AS column_name,"
        + " ft.relname AS referenced_table_name, fa.attname AS referenced_column_name"
        + " FROM pg_catalog.pg_constraint c"
        + " JOIN pg_catalog.pg_class t ON t.oid = c.conrelid"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
        + " JOIN pg_catalog.pg_class ft ON ft.oid = c.confrelid"
        + " CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(attnum, fattnum, ord)"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum"
        + " JOIN pg_catalog.pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.fattnum"
        + " WHERE c.contype = 'f' AND n.nspname = ? AND t.relname = ?"
        + " ORDER BY c.conname, k.ord";
  }

  @Override
  public String currentSchema() {
    return "CURRENT_SCHEMA";
  }

  /** Migration names an index {@code <table>_<name>} ({@code PostgresDialect#indexName}). */
  @Override
  public String modelIndexName(String table, String index) {
    String prefix = table + "_";
    return index.startsWith(prefix) && index.length() > prefix.length()
        ? index.substring(prefix.length())
        : index;
  }
}
