package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A relation of a model (CONTRACT C4.5).
 *
 * @param name the relation name, e.g. {@code orders}
 * @param type its kind
 * @param model the target model's name
 * @param foreignKey the foreign key property; null for the convention's default
 * @param primaryKey the key the foreign key refers to; null for the id
 * @param through the through model of a {@code hasManyThrough}; null otherwise
 * @param keyThrough the through model's key to the target; null for the convention's default
 */
public record RelationDefinition(
    String name,
    Type type,
    String model,
    String foreignKey,
    String primaryKey,
    String through,
    String keyThrough) {
  /** Relation kinds. */
  public enum Type {
    BELONGS_TO("belongsTo"),
    HAS_MANY("hasMany"),
    HAS_ONE("hasOne"),
    HAS_MANY_THROUGH("hasManyThrough");

    private final String jsonName;

    Type(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }
  }

  public RelationDefinition {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(model, "model is null");
  }
}
