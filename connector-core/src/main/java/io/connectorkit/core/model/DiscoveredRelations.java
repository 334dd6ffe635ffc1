package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The relations of a discovered model set, derived from the LoopBack {@code foreignKeys} that
 * discovery records in each model JSON ({@code {"name", "entity", "entityKey", "foreignKey"}}), as
 * {@code lb4 discover --relations} does:
 *
 * <ul>
 *   <li>each single-column foreign key gives its model a {@code belongsTo}, named after the key
 *       without its {@code Id} suffix ({@code customerId} → {@code customer});
 *   <li>the referenced model gets the inverse: {@code hasOne} when the key is unique (the model's
 *       id or a unique index of that column alone), else {@code hasMany} named with the plural;
 *   <li>a pure link table (two single-column foreign keys, nothing else but a generated id) gives
 *       each side a {@code hasMany} {@code through} it.
 * </ul>
 *
 * <p>Composite foreign keys give no relation (a relation has one foreign key); they stay in {@code
 * foreignKeys}. A name already taken by a property or relation gets a suffix naming the key or the
 * link model.
 */
public final class DiscoveredRelations {
  private DiscoveredRelations() {}

  /**
   * The models with {@code relations} added (existing relations are kept); the input is not
   * changed.
   *
   * @param models model JSON maps as discovery returns them; never null
   * @throws NullPointerException for null
   */
  public static List<Map<String, Object>> derive(List<Map<String, Object>> models) {
    requireNonNull(models, "models is null");
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Map<String, Object> model : models) {
      Map<String, Object> copy = new LinkedHashMap<>(model);
      copy.put("relations", new LinkedHashMap<>(mapOf(model.get("relations"))));
      byName.put(String.valueOf(model.get("name")), copy);
    }
    for (Map<String, Object> model : byName.values()) {
      String name = String.valueOf(model.get("name"));
      // By column name, so that the inverse names do not depend on the catalog's key order.
      List<Map<String, Object>> keys =
          new java.util.ArrayList<>(singleColumnKeys(model, byName.keySet()));
      keys.sort(java.util.Comparator.comparing(key -> String.valueOf(key.get("foreignKey"))));
      for (Map<String, Object> key : keys) {
        String foreignKey = String.valueOf(key.get("foreignKey"));
        String entity = String.valueOf(key.get("entity"));
        // keys() keeps only keys whose referenced model is in the set.
        Map<String, Object> target = requireNonNull(byName.get(entity), "target is null");

        Map<String, Object> belongsTo = new LinkedHashMap<>();
        belongsTo.put("type", "belongsTo");
        belongsTo.put("model", entity);
        belongsTo.put("foreignKey", foreignKey);
        String entityKey = String.valueOf(key.get("entityKey"));
        if (!entityKey.equals(idName(target))) {
          belongsTo.put("primaryKey", entityKey);
        }
        String base =
            foreignKey.length() > 2 && foreignKey.endsWith("Id")
                ? foreignKey.substring(0, foreignKey.length() - 2)
                : lowerFirst(entity);
        put(model, base, foreignKey.equals(base) ? base + "Rel" : base + "Of", belongsTo);

        boolean unique = isUnique(model, foreignKey);
        Map<String, Object> inverse = new LinkedHashMap<>();
        inverse.put("type", unique ? "hasOne" : "hasMany");
        inverse.put("model", name);
        inverse.put("foreignKey", foreignKey);
        if (belongsTo.containsKey("primaryKey")) {
          inverse.put("primaryKey", entityKey);
        }
        String inverseName = unique ? lowerFirst(name) : ModelNames.plural(lowerFirst(name));
        put(target, inverseName, inverseName + "By" + upperFirst(base), inverse);
      }
      if (keys.size() == 2 && isPureLink(model, keys)) {
        link(byName, name, keys.get(0), keys.get(1));
        link(byName, name, keys.get(1), keys.get(0));
      }
    }
    List<Map<String, Object>> result = new ArrayList<>();
    for (Map<String, Object> model : byName.values()) {
      if (mapOf(model.get("relations")).isEmpty()) {
        model.remove("relations");
      }
      result.add(model);
    }
    return result;
  }

  /** {@code from} hasMany {@code to}'s model through the link model. */
  private static void link(
      Map<String, Map<String, Object>> byName,
      String linkModel,
      Map<String, Object> from,
      Map<String, Object> to) {
    String toModel = String.valueOf(to.get("entity"));
    Map<String, Object> relation = new LinkedHashMap<>();
    relation.put("type", "hasMany");
    relation.put("model", toModel);
    relation.put("through", linkModel);
    relation.put("foreignKey", from.get("foreignKey"));
    relation.put("keyThrough", to.get("foreignKey"));
    String name = ModelNames.plural(lowerFirst(toModel));
    put(
        requireNonNull(byName.get(String.valueOf(from.get("entity"))), "from's model is null"),
        name,
        name + "Through" + linkModel,
        relation);
  }

  /** Foreign keys of one column whose referenced model is in the set. */
  private static List<Map<String, Object>> singleColumnKeys(
      Map<String, Object> model, Set<String> models) {
    List<Map<String, Object>> keys = new ArrayList<>();
    for (Object value : mapOf(model.get("foreignKeys")).values()) {
      if (value instanceof Map<?, ?> key
          && key.get("foreignKey") instanceof String foreignKey
          && !foreignKey.contains(",")
          && models.contains(String.valueOf(key.get("entity")))
          && mapOf(model.get("properties")).containsKey(foreignKey)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) key;
        keys.add(typed);
      }
    }
    return keys;
  }

  /** Every property is one of the two keys or a generated id. */
  private static boolean isPureLink(Map<String, Object> model, List<Map<String, Object>> keys) {
    Set<String> keyProperties =
        Set.of(
            String.valueOf(keys.get(0).get("foreignKey")),
            String.valueOf(keys.get(1).get("foreignKey")));
    if (keyProperties.size() != 2) {
      return false;
    }
    for (Map.Entry<String, Object> property : mapOf(model.get("properties")).entrySet()) {
      Map<String, Object> definition = mapOf(property.getValue());
      boolean generatedId =
          definition.get("id") != null
              && !Boolean.FALSE.equals(definition.get("id"))
              && Boolean.TRUE.equals(definition.get("generated"));
      if (!keyProperties.contains(property.getKey()) && !generatedId) {
        return false;
      }
    }
    return true;
  }

  /** Whether the property alone is the model's id or a unique index. */
  private static boolean isUnique(Map<String, Object> model, String property) {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, Object> entry : mapOf(model.get("properties")).entrySet()) {
      Object id = mapOf(entry.getValue()).get("id");
      if (id != null && !Boolean.FALSE.equals(id)) {
        ids.add(entry.getKey());
      }
    }
    if (ids.equals(List.of(property))) {
      return true;
    }
    for (Object index : mapOf(model.get("indexes")).values()) {
      Map<String, Object> declaration = mapOf(index);
      boolean unique =
          Boolean.TRUE.equals(mapOf(declaration.get("options")).get("unique"))
              || Boolean.TRUE.equals(declaration.get("unique"));
      if (unique && mapOf(declaration.get("keys")).keySet().equals(Set.of(property))) {
        return true;
      }
    }
    return false;
  }

  private static String idName(Map<String, Object> model) {
    for (Map.Entry<String, Object> entry : mapOf(model.get("properties")).entrySet()) {
      Object id = mapOf(entry.getValue()).get("id");
      if (Boolean.TRUE.equals(id) || Integer.valueOf(1).equals(id)) {
        return entry.getKey();
      }
    }
    return "id";
  }

  /** Adds a relation under {@code name}, or {@code fallback} when a property or relation has it. */
  private static void put(
      Map<String, Object> model, String name, String fallback, Map<String, Object> relation) {
    @SuppressWarnings("unchecked")
    Map<String, Object> relations =
        (Map<String, Object>) requireNonNull(model.get("relations"), "relations is null");
    Map<String, Object> properties = mapOf(model.get("properties"));
    String chosen = name;
    for (int i = 2; relations.containsKey(chosen) || properties.containsKey(chosen); i++) {
      chosen = i == 2 ? fallback : fallback + i;
    }
    relations.put(chosen, relation);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapOf(@Nullable Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static String lowerFirst(String name) {
    return name.isEmpty()
        ? name
        : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
  }

  private static String upperFirst(String name) {
    return name.isEmpty()
        ? name
        : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }
}
