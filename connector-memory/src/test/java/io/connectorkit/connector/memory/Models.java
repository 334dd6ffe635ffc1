package io.connectorkit.connector.memory;

import io.connectorkit.core.model.IndexDefinition;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Model definitions and connectors for the tests. */
final class Models {
  private Models() {}

  static MemoryConnector connector() {
    MemoryConnector connector =
        new MemoryConnector(Settings.of(Map.of()), MemorySettings.from(Settings.of(Map.of())));
    connector.connect();
    return connector;
  }

  static PropertyDefinition id(String name, PropertyType type, int position, boolean generated) {
    return new PropertyDefinition(
        name, type, position, generated, false, null, null, null, false, Map.of());
  }

  static ModelDefinition model(
      String name, List<PropertyDefinition> properties, List<IndexDefinition> indexes) {
    return model(name, properties, indexes, true);
  }

  static ModelDefinition model(
      String name,
      List<PropertyDefinition> properties,
      List<IndexDefinition> indexes,
      boolean strict) {
    Map<String, PropertyDefinition> byName = new LinkedHashMap<>();
    properties.forEach(p -> byName.put(p.name(), p));
    return new ModelDefinition(
        name, byName, strict, true, false, false, indexes, Map.of(), Map.of());
  }

  /**
   * Person: generated numeric id, name (indexed), email (unique), age, birthday, address, tags,
   * photo.
   */
  static ModelDefinition person() {
    return model(
        "Person",
        List.of(
            id("id", PropertyType.NUMBER, 1, true),
            PropertyDefinition.of("name", PropertyType.STRING),
            PropertyDefinition.of("email", PropertyType.STRING),
            PropertyDefinition.of("age", PropertyType.NUMBER),
            PropertyDefinition.of("birthday", PropertyType.DATE),
            PropertyDefinition.of("address", PropertyType.OBJECT),
            PropertyDefinition.of("tags", PropertyType.arrayOf(PropertyType.STRING)),
            PropertyDefinition.of("photo", PropertyType.BUFFER)),
        List.of(
            new IndexDefinition("name", Map.of("name", 1), false),
            new IndexDefinition("email", Map.of("email", 1), true)));
  }

  /** Note: a string id, generated. */
  static ModelDefinition note() {
    return model(
        "Note",
        List.of(
            id("id", PropertyType.STRING, 1, true),
            PropertyDefinition.of("text", PropertyType.STRING)),
        List.of());
  }

  /** Membership: composite id (groupId, userId). */
  static ModelDefinition membership() {
    return model(
        "Membership",
        List.of(
            id("groupId", PropertyType.NUMBER, 1, false),
            id("userId", PropertyType.STRING, 2, false),
            PropertyDefinition.of("role", PropertyType.STRING)),
        List.of());
  }

  /** Counter: numeric id, a value. */
  static ModelDefinition counter() {
    return model(
        "Counter",
        List.of(
            id("id", PropertyType.NUMBER, 1, false),
            PropertyDefinition.of("value", PropertyType.NUMBER)),
        List.of());
  }

  static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }
}
