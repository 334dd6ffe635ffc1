package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

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
    @Nullable String foreignKey,
    @Nullable String primaryKey,
    @Nullable String through,
    @Nullable String keyThrough) {
  /** Relation kinds. */
  public enum Type {
    /** The source holds the foreign key to one target; included as an object or null. */
    BELONGS_TO("belongsTo"),
    /** Targets hold the foreign key to the source; included as an array, possibly empty. */
    HAS_MANY("hasMany"),
    /** As {@link #HAS_MANY} for one target; included as an object or null. */
    HAS_ONE("hasOne"),
    /** Targets reached through a {@code through} model that holds keys to both; an array. */
    HAS_MANY_THROUGH("hasManyThrough");

    private final String jsonName;

    Type(String jsonName) {
      this.jsonName = jsonName;
    }

    /**
     * The model JSON spelling, e.g. {@code "belongsTo"}. Model JSON is written with {@code
     * "hasMany"} plus {@code through} for {@link #HAS_MANY_THROUGH}, as LoopBack spells it.
     */
    public String jsonName() {
      return jsonName;
    }
  }

  /**
   * Whether {@code through} fits the type is checked when model JSON is read ({@code
   * CONFIGURATION_INVALID}), not here; the target model is looked up only when an include uses the
   * relation.
   *
   * @throws NullPointerException for a null name, type or model
   */
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
