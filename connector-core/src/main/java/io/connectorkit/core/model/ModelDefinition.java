package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A model definition (CONTRACT C1.2): LoopBack model JSON as an immutable value. Read it with
 * {@link #fromJson(String)}; write it back with {@link #toJson()}.
 *
 * @param name never null
 * @param properties by name, in declaration order
 * @param strict whether undeclared properties are rejected (false: stored, feature {@code
 *     FREE_FORM_PROPERTIES})
 * @param idInjection whether an {@code id} property is injected when none is declared
 * @param forceId null for the default (true when the id is generated)
 * @param strictDelete whether {@code deleteById} of a missing id fails
 * @param indexes property-level and model-level indexes
 * @param relations by name
 * @param settings the model JSON's other top-level keys (connector sections such as {@code mysql},
 *     {@code mongodb}, …)
 */
public record ModelDefinition(
    String name,
    Map<String, PropertyDefinition> properties,
    boolean strict,
    boolean idInjection,
    @Nullable Boolean forceId,
    boolean strictDelete,
    List<IndexDefinition> indexes,
    Map<String, RelationDefinition> relations,
    Map<String, Object> settings) {

  /**
   * Copies every collection, unmodifiable, in its order. Nothing else is checked here: model JSON
   * is validated when read ({@link #fromJson}, {@code CONFIGURATION_INVALID}).
   *
   * @throws NullPointerException for a null name, map or list, or a null index
   */
  public ModelDefinition {
    requireNonNull(name, "name is null");
    properties = new PropertyMap(properties);
    indexes = List.copyOf(indexes);
    relations = Collections.unmodifiableMap(new LinkedHashMap<>(relations));
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /**
   * Reads model JSON.
   *
   * @throws io.connectorkit.core.common.ConnectorException {@code CONFIGURATION_INVALID} naming the
   *     model and the bad key
   */
  public static ModelDefinition fromJson(String json) {
    return ModelJson.read(json);
  }

  /** Reads model JSON already parsed into maps and lists. */
  public static ModelDefinition fromMap(Map<String, ?> json) {
    return ModelJson.read(json);
  }

  /** This definition as model JSON (C1.2), which {@link #fromMap(Map)} reads back. */
  public Map<String, Object> toJson() {
    return ModelJson.write(this);
  }

  /** The id properties in id order; empty for a model without an id. */
  public List<PropertyDefinition> idProperties() {
    return ((PropertyMap) properties).ids;
  }

  /** Whether the model has an id property. */
  public boolean hasId() {
    return !idProperties().isEmpty();
  }

  /** The id property's name for a single-property id; null for none; the first for a composite. */
  public @Nullable String idName() {
    List<PropertyDefinition> ids = idProperties();
    return ids.isEmpty() ? null : ids.get(0).name();
  }

  /** Whether the id has more than one property. */
  public boolean hasCompositeId() {
    return idProperties().size() > 1;
  }

  /** The declared property of a name; empty when undeclared or for null. */
  public Optional<PropertyDefinition> property(String propertyName) {
    return Optional.ofNullable(properties.get(propertyName));
  }

  /** Whether clients are kept from choosing ids (default: when the id is generated). */
  public boolean isForceId() {
    if (forceId != null) {
      return forceId;
    }
    return idProperties().stream().anyMatch(PropertyDefinition::generated);
  }

  /** Names of hidden properties. */
  public Set<String> hiddenProperties() {
    Set<String> hidden = new LinkedHashSet<>();
    properties.values().stream()
        .filter(PropertyDefinition::hidden)
        .forEach(p -> hidden.add(p.name()));
    return hidden;
  }

  /**
   * The model-level connector section (e.g. {@code "mysql": {"table": "people"}}); empty if none.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> connectorSettings(String connector) {
    Object section = settings.get(connector);
    return section instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /**
   * This model with the contract's id injection applied: when it declares no id and {@link
   * #idInjection()} is on, an {@code id} property of {@code idType} (generated) is added first.
   */
  public ModelDefinition withInjectedId(PropertyType idType) {
    requireNonNull(idType, "idType is null");
    if (hasId() || !idInjection) {
      return this;
    }
    Map<String, PropertyDefinition> withId = new LinkedHashMap<>();
    PropertyDefinition existing = properties.get("id");
    withId.put(
        "id",
        new PropertyDefinition(
            "id",
            existing == null ? idType : existing.type(),
            1,
            existing == null,
            false,
            null,
            null,
            null,
            false,
            existing == null ? Map.of() : existing.settings()));
    properties.forEach(withId::putIfAbsent);
    return new ModelDefinition(
        name, withId, strict, idInjection, forceId, strictDelete, indexes, relations, settings);
  }

  /**
   * The properties in declaration order, unmodifiable, with the id properties computed once: every
   * by-id operation asks for them several times, and a record cannot hold a derived field.
   */
  private static final class PropertyMap extends AbstractMap<String, PropertyDefinition> {
    private final Map<String, PropertyDefinition> byName;
    private final List<PropertyDefinition> ids;

    PropertyMap(Map<String, PropertyDefinition> properties) {
      this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
      this.ids =
          byName.values().stream()
              .filter(PropertyDefinition::isId)
              .sorted(Comparator.comparingInt(PropertyDefinition::idPosition))
              .toList();
    }

    @Override
    public @Nullable PropertyDefinition get(Object key) {
      return byName.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return byName.containsKey(key);
    }

    @Override
    public int size() {
      return byName.size();
    }

    @Override
    public Set<Entry<String, PropertyDefinition>> entrySet() {
      return byName.entrySet();
    }

    @Override
    public Set<String> keySet() {
      return byName.keySet();
    }

    @Override
    public Collection<PropertyDefinition> values() {
      return byName.values();
    }
  }
}
