package io.connectorkit.codegen;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.model.DiscoveredRelations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole application's model set from a datasource ({@code docs/contract.md} C7 DISCOVERY): every
 * table and view ({@code discoverModelDefinitions} with {@code views}), each one's model JSON
 * ({@code discoverSchemas}), then the relations between them ({@link DiscoveredRelations}).
 */
public final class ModelSetDiscovery {
  private ModelSetDiscovery() {}

  /**
   * The model JSON of the tables (all of them when {@code tables} is empty), relations included.
   *
   * @param options passed to the connector: {@code owner} (schema), {@code keepNames} (no LoopBack
   *     renaming), {@code views} (default true)
   * @param tables the tables to describe; empty for every table and view of the schema
   * @throws io.connectorkit.core.common.ConnectorException {@code UNSUPPORTED_OPERATION} without
   *     the DISCOVERY feature, {@code MODEL_NOT_FOUND} for a table that does not exist
   * @throws NullPointerException for a null argument
   */
  public static List<Map<String, Object>> discover(
      DataSource dataSource, Map<String, Object> options, List<String> tables) {
    requireNonNull(dataSource, "dataSource is null");
    requireNonNull(options, "options is null");
    requireNonNull(tables, "tables is null");
    Map<String, Object> withViews = new LinkedHashMap<>(options);
    withViews.putIfAbsent("views", true);
    List<String> names = new ArrayList<>(tables);
    if (names.isEmpty()) {
      for (Map<String, Object> table : dataSource.discoverModelDefinitions(withViews)) {
        names.add(String.valueOf(table.get("name")));
      }
    }
    List<Map<String, Object>> models = new ArrayList<>();
    for (String name : names) {
      models.add(dataSource.discoverSchemas(name, withViews));
    }
    return DiscoveredRelations.derive(models);
  }
}
