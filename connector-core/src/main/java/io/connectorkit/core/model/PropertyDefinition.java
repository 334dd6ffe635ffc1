package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One property of a model (CONTRACT C1.2).
 *
 * @param name never null
 * @param type never null
 * @param idPosition 0 when not part of the id; 1, 2, … its position in a (composite) id
 * @param generated whether the backend generates the value
 * @param required whether null or absent fails validation
 * @param defaultValue the {@code default} value, already coerced; null for none
 * @param defaultFn {@code now}, {@code uuid}, {@code uuidv4} or {@code guid}; null for none
 * @param length the maximum length of a string; null for none
 * @param hidden whether results leave the property out
 * @param settings the property's raw JSON (including connector sections such as {@code mysql})
 */
public record PropertyDefinition(
    String name,
    PropertyType type,
    int idPosition,
    boolean generated,
    boolean required,
    @Nullable Object defaultValue,
    @Nullable String defaultFn,
    @Nullable Integer length,
    boolean hidden,
    Map<String, Object> settings) {
  /**
   * Copies the settings (unmodifiable). Nothing else is checked here: model JSON is validated when
   * read ({@code CONFIGURATION_INVALID}).
   *
   * @throws NullPointerException for a null name, type or settings
   */
  public PropertyDefinition {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    settings =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(settings, "settings is null")));
  }

  /** A plain, optional property. */
  public static PropertyDefinition of(String name, PropertyType type) {
    return new PropertyDefinition(name, type, 0, false, false, null, null, null, false, Map.of());
  }

  /**
   * Compares like the generated record equality, except that {@code defaultValue} is compared by
   * content, so a {@code buffer} default ({@code byte[]}) equals its copy.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof PropertyDefinition that
        && idPosition == that.idPosition
        && generated == that.generated
        && required == that.required
        && hidden == that.hidden
        && name.equals(that.name)
        && type.equals(that.type)
        && Objects.deepEquals(defaultValue, that.defaultValue)
        && Objects.equals(defaultFn, that.defaultFn)
        && Objects.equals(length, that.length)
        && settings.equals(that.settings);
  }

  @Override
  public int hashCode() {
    int defaultHash =
        defaultValue instanceof byte[] bytes
            ? Arrays.hashCode(bytes)
            : Objects.hashCode(defaultValue);
    return Objects.hash(
        name,
        type,
        idPosition,
        generated,
        required,
        defaultHash,
        defaultFn,
        length,
        hidden,
        settings);
  }

  /** Whether the property is part of the id ({@code idPosition > 0}). */
  public boolean isId() {
    return idPosition > 0;
  }

  /** The connector-specific section for this property (e.g. {@code "mysql"}); empty if none. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> connectorSettings(String connector) {
    Object section = settings.get(connector);
    return section instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
