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

  /**
   * The foreign key, or the convention's default (C4.5): {@code <relation>Id} on the source of a
   * {@code belongsTo}; {@code <sourceModel with a lower-case first letter>Id} on the target (or the
   * through model) of the other kinds.
   *
   * @param sourceModel the name of the model that declares this relation
   */
  public String foreignKeyOf(String sourceModel) {
    requireNonNull(sourceModel, "sourceModel is null");
    if (foreignKey != null) {
      return foreignKey;
    }
    return type == Type.BELONGS_TO ? name + "Id" : lowerFirst(sourceModel) + "Id";
  }

  /** The through model's key to the target, or the convention's default {@code <target>Id}. */
  public String keyThroughOrDefault() {
    return keyThrough != null ? keyThrough : lowerFirst(model) + "Id";
  }

  private static String lowerFirst(String name) {
    return name.isEmpty()
        ? name
        : name.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + name.substring(1);
  }
}
