package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The type of a model property (CONTRACT C1.2, C2). Java representation of values of each kind,
 * used everywhere in the core and the SPI: {@code STRING} → {@link String}; {@code NUMBER} → {@link
 * Long} when integral, else {@link Double}; {@code BOOLEAN} → {@link Boolean}; {@code DATE} →
 * {@link java.time.Instant}; {@code OBJECT} → {@code Map<String, Object>}; {@code ARRAY} → {@code
 * List<Object>} (items of {@link #itemType()}); {@code BUFFER} → {@code byte[]}; {@code ANY} → any
 * JSON-like value (String, Long, Double, Boolean, Map, List, null).
 *
 * @param kind never null
 * @param itemType the item type of an {@code ARRAY}; {@link #ANY} for an untyped array; null for
 *     every other kind
 */
public record PropertyType(Kind kind, @Nullable PropertyType itemType) {
  /** The kinds of value. */
  public enum Kind {
    /** Text: {@link String}. */
    STRING,
    /** {@link Long} when integral, else {@link Double}. */
    NUMBER,
    /** {@link Boolean}. */
    BOOLEAN,
    /** An instant: {@link java.time.Instant}. */
    DATE,
    /** A nested JSON object: {@code Map<String, Object>}. */
    OBJECT,
    /** A {@code List<Object>} of {@link PropertyType#itemType()} items. */
    ARRAY,
    /** Bytes: {@code byte[]}. */
    BUFFER,
    /** Any JSON-like value: String, Long, Double, Boolean, Map or List. */
    ANY
  }

  /** {@code "string"}. */
  public static final PropertyType STRING = new PropertyType(Kind.STRING, null);

  /** {@code "number"}. */
  public static final PropertyType NUMBER = new PropertyType(Kind.NUMBER, null);

  /** {@code "boolean"}. */
  public static final PropertyType BOOLEAN = new PropertyType(Kind.BOOLEAN, null);

  /** {@code "date"}. */
  public static final PropertyType DATE = new PropertyType(Kind.DATE, null);

  /** {@code "object"}. */
  public static final PropertyType OBJECT = new PropertyType(Kind.OBJECT, null);

  /** {@code "buffer"}. */
  public static final PropertyType BUFFER = new PropertyType(Kind.BUFFER, null);

  /** {@code "any"}. */
  public static final PropertyType ANY = new PropertyType(Kind.ANY, null);

  /** {@code "array"}: an array of {@link #ANY} items. */
  public static final PropertyType ARRAY = new PropertyType(Kind.ARRAY, ANY);

  /**
   * @throws NullPointerException for a null kind, or an {@code ARRAY} without an item type
   * @throws IllegalArgumentException for an item type on another kind
   */
  public PropertyType {
    requireNonNull(kind, "kind is null");
    if (kind == Kind.ARRAY) {
      requireNonNull(itemType, "itemType is null");
    } else if (itemType != null) {
      throw new IllegalArgumentException("only arrays have an item type");
    }
  }

  /**
   * An array of items of a type: {@code ["string"]} in model JSON.
   *
   * @throws NullPointerException for a null item type
   */
  public static PropertyType arrayOf(PropertyType itemType) {
    return new PropertyType(Kind.ARRAY, requireNonNull(itemType, "itemType is null"));
  }

  /** Whether the kind is {@code ARRAY}. */
  public boolean isArray() {
    return kind == Kind.ARRAY;
  }

  /** The model JSON form: {@code "string"}, {@code ["string"]}, {@code "array"}. */
  public Object toJson() {
    if (kind == Kind.ARRAY && itemType != null) {
      return itemType.kind == Kind.ANY ? "array" : java.util.List.of(itemType.toJson());
    }
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
