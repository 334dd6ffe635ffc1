package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

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
public record PropertyType(Kind kind, PropertyType itemType) {
  /** The kinds of value. */
  public enum Kind {
    STRING,
    NUMBER,
    BOOLEAN,
    DATE,
    OBJECT,
    ARRAY,
    BUFFER,
    ANY
  }

  public static final PropertyType STRING = new PropertyType(Kind.STRING, null);
  public static final PropertyType NUMBER = new PropertyType(Kind.NUMBER, null);
  public static final PropertyType BOOLEAN = new PropertyType(Kind.BOOLEAN, null);
  public static final PropertyType DATE = new PropertyType(Kind.DATE, null);
  public static final PropertyType OBJECT = new PropertyType(Kind.OBJECT, null);
  public static final PropertyType BUFFER = new PropertyType(Kind.BUFFER, null);
  public static final PropertyType ANY = new PropertyType(Kind.ANY, null);
  public static final PropertyType ARRAY = new PropertyType(Kind.ARRAY, ANY);

  public PropertyType {
    requireNonNull(kind, "kind is null");
    if (kind == Kind.ARRAY) {
      requireNonNull(itemType, "itemType is null");
    } else if (itemType != null) {
      throw new IllegalArgumentException("only arrays have an item type");
    }
  }

  public static PropertyType arrayOf(PropertyType itemType) {
    return new PropertyType(Kind.ARRAY, requireNonNull(itemType, "itemType is null"));
  }

  public boolean isArray() {
    return kind == Kind.ARRAY;
  }

  /** The model JSON form: {@code "string"}, {@code ["string"]}, {@code "array"}. */
  public Object toJson() {
    if (kind == Kind.ARRAY) {
      return itemType.kind == Kind.ANY ? "array" : java.util.List.of(itemType.toJson());
    }
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
