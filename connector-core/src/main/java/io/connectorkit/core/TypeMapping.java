package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.annotation.BelongsTo;
import io.connectorkit.core.annotation.HasMany;
import io.connectorkit.core.annotation.HasOne;
import io.connectorkit.core.annotation.Hidden;
import io.connectorkit.core.annotation.Id;
import io.connectorkit.core.annotation.Model;
import io.connectorkit.core.annotation.Property;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.Values;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Maps a Java type to a model and back: records through their components and canonical constructor,
 * other classes through their fields and no-argument constructor. Values take the core's
 * representation ({@link PropertyType}): dates become {@link Instant} ({@link LocalDate} at UTC
 * midnight, {@link OffsetDateTime} read back at UTC), enums, UUIDs and {@link LocalTime} strings,
 * nested records maps, collections lists, {@link Optional} its content or null.
 */
final class TypeMapping<T> {
  /** One component or field: its Java name, property (or relation) name and generic type. */
  record Component(
      String javaName,
      String property,
      Type type,
      AnnotatedElement element,
      @Nullable Method accessor,
      @Nullable Field field) {
    Object get(Object entity) {
      try {
        return accessor != null
            ? accessor.invoke(entity)
            : requireNonNull(field, "field is null").get(entity);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + javaName, e);
      }
    }

    boolean isRelation() {
      return element.isAnnotationPresent(BelongsTo.class)
          || element.isAnnotationPresent(HasOne.class)
          || element.isAnnotationPresent(HasMany.class);
    }
  }

  private final Class<T> type;
  private final List<Component> components;
  private final Set<String> relations;
  private final Constructor<T> constructor;

  private TypeMapping(Class<T> type, Set<String> relations) {
    this.type = type;
    this.components = components(type);
    this.relations = relations;
    this.constructor = constructor(type, components);
  }

  /**
   * The mapping of {@code type} onto {@code model}: every component must be a property or a
   * relation of the model (or the model must be free-form) and of a mappable type.
   */
  static <T> TypeMapping<T> bind(Class<T> type, ModelDefinition model) {
    requireNonNull(type, "type is null");
    Set<String> relations = new LinkedHashSet<>();
    for (Component component : components(type)) {
      if (model.relations().containsKey(component.property())) {
        relations.add(component.property());
        continue;
      }
      propertyType(component.type(), label(type, component));
      if (model.strict() && !model.properties().containsKey(component.property())) {
        throw invalid(
            label(type, component)
                + " is not a property or relation of model "
                + model.name()
                + " (declared: "
                + model.properties().keySet()
                + ")");
      }
    }
    return new TypeMapping<>(type, relations);
  }

  /** The model JSON derived from the type's components and annotations. */
  static ModelDefinition derive(Class<?> type) {
    requireNonNull(type, "type is null");
    List<Component> components = components(type);
    boolean anyId = components.stream().anyMatch(c -> c.element().isAnnotationPresent(Id.class));
    Map<String, Object> properties = new LinkedHashMap<>();
    Map<String, Object> relations = new LinkedHashMap<>();
    for (Component component : components) {
      if (component.isRelation()) {
        relations.put(component.property(), relation(type, component));
      }
    }
    Set<String> belongsToKeys = new LinkedHashSet<>();
    relations.forEach(
        (name, relation) -> {
          Map<?, ?> json = (Map<?, ?>) relation;
          if ("belongsTo".equals(json.get("type"))) {
            Object foreignKey = json.get("foreignKey");
            belongsToKeys.add(foreignKey == null ? name + "Id" : foreignKey.toString());
          }
        });
    for (Component component : components) {
      AnnotatedElement element = component.element();
      if (component.isRelation()) {
        continue;
      }
      boolean isId =
          element.isAnnotationPresent(Id.class) || (!anyId && component.property().equals("id"));
      if (component.type() == Object.class
          && (belongsToKeys.contains(component.property())
              || (isId && component.property().equals("id")))) {
        // An Object id takes the connector's id type (id injection), an Object foreign key its
        // target's id type (C4.5): the portable way to write an entity for any connector.
        continue;
      }
      Map<String, Object> property = new LinkedHashMap<>();
      property.put("type", propertyType(component.type(), label(type, component)).toJson());
      Id id = element.getAnnotation(Id.class);
      if (isId) {
        property.put("id", true);
        property.put("generated", id == null || id.generated());
      }
      Property settings = element.getAnnotation(Property.class);
      if (settings != null) {
        if (settings.required()) {
          property.put("required", true);
        }
        if (settings.length() > 0) {
          property.put("length", settings.length());
        }
        if (settings.unique()) {
          property.put("index", Map.of("unique", true));
        } else if (settings.index()) {
          property.put("index", true);
        }
      }
      if (element.isAnnotationPresent(Hidden.class)) {
        property.put("hidden", true);
      }
      properties.put(component.property(), property);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", modelName(type));
    Model model = type.getAnnotation(Model.class);
    json.put("strict", model == null || model.strict());
    json.put("properties", properties);
    json.put("relations", relations);
    return ModelDefinition.fromMap(json);
  }

  /** The model name of a type: {@code @Model(name)} or the simple class name. */
  static String modelName(Class<?> type) {
    Model model = type.getAnnotation(Model.class);
    return model != null && !model.name().isEmpty() ? model.name() : type.getSimpleName();
  }

  private static Map<String, Object> relation(Class<?> owner, Component component) {
    AnnotatedElement element = component.element();
    Map<String, Object> json = new LinkedHashMap<>();
    Class<?> target = rawClass(component.type());
    if (Collection.class.isAssignableFrom(target) || target == Optional.class) {
      target = rawClass(typeArgument(component.type(), 0));
    }
    String model;
    String foreignKey;
    BelongsTo belongsTo = element.getAnnotation(BelongsTo.class);
    HasOne hasOne = element.getAnnotation(HasOne.class);
    if (belongsTo != null) {
      json.put("type", "belongsTo");
      model = belongsTo.model();
      foreignKey = belongsTo.foreignKey();
    } else if (hasOne != null) {
      json.put("type", "hasOne");
      model = hasOne.model();
      foreignKey = hasOne.foreignKey();
    } else {
      HasMany hasMany = element.getAnnotation(HasMany.class);
      if (!List.class.isAssignableFrom(rawClass(component.type()))) {
        throw invalid(label(owner, component) + " is a @HasMany relation but not a List");
      }
      json.put("type", "hasMany");
      model = hasMany.model();
      foreignKey = hasMany.foreignKey();
      if (!hasMany.through().isEmpty()) {
        json.put("through", hasMany.through());
      }
      if (!hasMany.keyThrough().isEmpty()) {
        json.put("keyThrough", hasMany.keyThrough());
      }
    }
    json.put("model", model.isEmpty() ? modelName(target) : model);
    if (!foreignKey.isEmpty()) {
      json.put("foreignKey", foreignKey);
    }
    return json;
  }

  Class<T> type() {
    return type;
  }

  /**
   * The record as data: every property component, converted; relation components never (saving an
   * entity that carries an included relation does not write the relation).
   *
   * @param skipNulls whether null values are left out, so that defaults apply on create
   */
  Map<String, Object> toData(T entity, boolean skipNulls) {
    requireNonNull(entity, "entity is null");
    Map<String, Object> data = new LinkedHashMap<>();
    for (Component component : components) {
      if (relations.contains(component.property())) {
        continue;
      }
      Object value = toValue(component.get(entity));
      if (value != null || !skipNulls) {
        data.put(component.property(), value);
      }
    }
    return data;
  }

  /** A record read back from a result row (included relations too). */
  T fromRow(Map<String, Object> row) {
    Object[] values = new Object[components.size()];
    for (int i = 0; i < values.length; i++) {
      Component component = components.get(i);
      values[i] = fromValue(row.get(component.property()), component.type(), label(component));
    }
    try {
      if (type.isRecord()) {
        return constructor.newInstance(values);
      }
      T entity = constructor.newInstance();
      for (int i = 0; i < values.length; i++) {
        // a class (not a record) maps fields: each component has one
        requireNonNull(components.get(i).field(), "field is null").set(entity, values[i]);
      }
      return entity;
    } catch (ReflectiveOperationException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "cannot construct " + type.getName() + ": " + e.getCause(),
          Map.of(),
          e);
    }
  }

  private String label(Component component) {
    return label(type, component);
  }

  private static String label(Class<?> owner, Component component) {
    return "component `" + component.javaName() + "` of " + owner.getSimpleName();
  }

  // ---------------------------------------------------------------- structure

  private static List<Component> components(Class<?> type) {
    List<Component> components = new ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        Method accessor = component.getAccessor();
        accessor.setAccessible(true);
        components.add(
            new Component(
                component.getName(),
                propertyName(component, component.getName()),
                component.getGenericType(),
                component,
                accessor,
                null));
      }
      return components;
    }
    List<Class<?>> hierarchy = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      hierarchy.add(0, c);
    }
    for (Class<?> c : hierarchy) {
      for (Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers)
            || Modifier.isTransient(modifiers)
            || field.isSynthetic()) {
          continue;
        }
        field.setAccessible(true);
        components.add(
            new Component(
                field.getName(),
                propertyName(field, field.getName()),
                field.getGenericType(),
                field,
                null,
                field));
      }
    }
    return components;
  }

  private static String propertyName(AnnotatedElement element, String javaName) {
    Property property = element.getAnnotation(Property.class);
    return property != null && !property.name().isEmpty() ? property.name() : javaName;
  }

  @SuppressWarnings("unchecked")
  private static <T> Constructor<T> constructor(Class<T> type, List<Component> components) {
    try {
      Constructor<T> constructor;
      if (type.isRecord()) {
        Class<?>[] types =
            components.stream().map(c -> rawClass(c.type())).toArray(Class<?>[]::new);
        constructor = type.getDeclaredConstructor(types);
      } else {
        constructor = type.getDeclaredConstructor();
      }
      constructor.setAccessible(true);
      return constructor;
    } catch (NoSuchMethodException e) {
      throw invalid(
          type.getName() + " is neither a record nor a class with a no-argument constructor");
    }
  }

  /**
   * The property type of a Java type.
   *
   * @throws ConnectorException {@code CONFIGURATION_INVALID} naming {@code where}
   */
  static PropertyType propertyType(Type type, String where) {
    Class<?> raw = rawClass(type);
    if (raw == Optional.class) {
      return propertyType(typeArgument(type, 0), where);
    }
    if (raw == String.class
        || raw == char.class
        || raw == Character.class
        || raw == UUID.class
        || raw == LocalTime.class
        || raw.isEnum()) {
      return PropertyType.STRING;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return PropertyType.BOOLEAN;
    }
    if ((raw.isPrimitive() && raw != void.class)
        || raw == Long.class
        || raw == Integer.class
        || raw == Short.class
        || raw == Byte.class
        || raw == Double.class
        || raw == Float.class
        || raw == BigDecimal.class
        || raw == BigInteger.class) {
      return PropertyType.NUMBER;
    }
    if (raw == Instant.class
        || raw == LocalDate.class
        || raw == OffsetDateTime.class
        || raw == ZonedDateTime.class
        || raw == Date.class) {
      return PropertyType.DATE;
    }
    if (raw == byte[].class) {
      return PropertyType.BUFFER;
    }
    if (raw == Object.class) {
      return PropertyType.ANY;
    }
    if (Map.class.isAssignableFrom(raw)) {
      Type keys = typeArgument(type, 0);
      if (keys != Object.class && rawClass(keys) != String.class) {
        throw invalid(where + ": a map needs String keys, got " + type.getTypeName());
      }
      propertyType(typeArgument(type, 1), where);
      return PropertyType.OBJECT;
    }
    if (raw == List.class || raw == Set.class || raw == Collection.class) {
      return PropertyType.arrayOf(propertyType(typeArgument(type, 0), where + " (item)"));
    }
    if (raw.isRecord()) {
      for (RecordComponent nested : raw.getRecordComponents()) {
        propertyType(nested.getGenericType(), where + "." + nested.getName());
      }
      return PropertyType.OBJECT;
    }
    throw invalid(where + ": cannot map type " + type.getTypeName() + " to a property type");
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    if (type instanceof WildcardType wildcard) {
      return rawClass(wildcard.getUpperBounds()[0]);
    }
    return Object.class;
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType parameterized) {
      return parameterized.getActualTypeArguments()[index];
    }
    return Object.class;
  }

  private static ConnectorException invalid(String message) {
    return new ConnectorException(ErrorCode.CONFIGURATION_INVALID, message);
  }

  // ---------------------------------------------------------------- values

  /** A Java value in the core's representation. */
  static @Nullable Object toValue(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Optional<?> optional) {
      return toValue(optional.orElse(null));
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (value instanceof OffsetDateTime dateTime) {
      return dateTime.toInstant();
    }
    if (value instanceof ZonedDateTime dateTime) {
      return dateTime.toInstant();
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof UUID || value instanceof Character || value instanceof LocalTime) {
      return value.toString();
    }
    if (value instanceof Record record) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Component component : components(record.getClass())) {
        map.put(component.property(), toValue(component.get(record)));
      }
      return map;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), toValue(item)));
      return copy;
    }
    if (value instanceof Collection<?> collection) {
      List<Object> copy = new ArrayList<>(collection.size());
      collection.forEach(item -> copy.add(toValue(item)));
      return copy;
    }
    return value;
  }

  /** A stored value as the Java type {@code target}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static @Nullable Object fromValue(@Nullable Object value, Type target, String where) {
    Class<?> raw = rawClass(target);
    if (raw == Optional.class) {
      return Optional.ofNullable(fromValue(value, typeArgument(target, 0), where));
    }
    if (value == null) {
      return primitiveDefault(raw);
    }
    try {
      if (raw == Object.class) {
        return value;
      }
      if (raw.isInstance(value) && !(value instanceof Collection<?>) && !(value instanceof Map)) {
        return value;
      }
      if (raw == String.class) {
        return value instanceof Instant instant ? Values.formatDate(instant) : value.toString();
      }
      if (raw == char.class || raw == Character.class) {
        return value.toString().charAt(0);
      }
      if (raw == UUID.class) {
        return UUID.fromString(value.toString());
      }
      if (raw == LocalTime.class) {
        return LocalTime.parse(value.toString()); // a SQL time column's text, "10:30:00"
      }
      if (raw.isEnum()) {
        return Enum.valueOf((Class) raw, value.toString());
      }
      if (raw == boolean.class || raw == Boolean.class) {
        return Values.coerce(value, PropertyType.BOOLEAN);
      }
      if (value instanceof Number || raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
        return number(coerced(value, PropertyType.NUMBER), raw);
      }
      if (raw == Instant.class) {
        return Values.coerce(value, PropertyType.DATE);
      }
      if (raw == LocalDate.class) {
        return instant(value).atOffset(ZoneOffset.UTC).toLocalDate();
      }
      if (raw == OffsetDateTime.class) {
        return instant(value).atOffset(ZoneOffset.UTC);
      }
      if (raw == ZonedDateTime.class) {
        return instant(value).atZone(ZoneOffset.UTC);
      }
      if (raw == Date.class) {
        return Date.from(instant(value));
      }
      if (raw == byte[].class) {
        return Values.coerce(value, PropertyType.BUFFER);
      }
      if (Map.class.isAssignableFrom(raw) && value instanceof Map<?, ?>) {
        return mapValues(value, target, where);
      }
      if (Collection.class.isAssignableFrom(raw) && value instanceof Collection<?> items) {
        Type itemType = typeArgument(target, 0);
        Collection<Object> copy = raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>();
        int i = 0;
        for (Object item : items) {
          copy.add(fromValue(item, itemType, where + "[" + i++ + "]"));
        }
        return raw == Set.class
            ? Collections.unmodifiableSet((Set<Object>) copy)
            : Collections.unmodifiableList((List<Object>) copy);
      }
      if (value instanceof Map<?, ?> map) {
        return TypeMappings.of(raw).fromRow((Map<String, Object>) map);
      }
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          where + ": cannot read " + Values.show(value) + " as " + target.getTypeName() + ": " + e);
    }
    throw new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID,
        where + ": cannot read " + Values.show(value) + " as " + target.getTypeName());
  }

  private static Object mapValues(Object value, Type target, String where) {
    Map<?, ?> map = (Map<?, ?>) value;
    Type valueType = typeArgument(target, 1);
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (key, item) ->
            copy.put(String.valueOf(key), fromValue(item, valueType, where + "." + key)));
    return Collections.unmodifiableMap(copy);
  }

  private static Instant instant(Object value) {
    return (Instant) coerced(value, PropertyType.DATE);
  }

  /** A non-null value coerced: only null coerces to null. */
  private static Object coerced(Object value, PropertyType type) {
    return requireNonNull(Values.coerce(value, type), "coerced value is null");
  }

  private static Object number(Object value, Class<?> raw) {
    Number number = (Number) value;
    if (raw == long.class || raw == Long.class) {
      return number.longValue();
    }
    if (raw == int.class || raw == Integer.class) {
      return Math.toIntExact(number.longValue());
    }
    if (raw == short.class || raw == Short.class) {
      return number.shortValue();
    }
    if (raw == byte.class || raw == Byte.class) {
      return number.byteValue();
    }
    if (raw == double.class || raw == Double.class) {
      return number.doubleValue();
    }
    if (raw == float.class || raw == Float.class) {
      return number.floatValue();
    }
    if (raw == BigDecimal.class) {
      return new BigDecimal(number.toString());
    }
    if (raw == BigInteger.class) {
      return new BigDecimal(number.toString()).toBigIntegerExact();
    }
    return number;
  }

  private static @Nullable Object primitiveDefault(Class<?> raw) {
    if (!raw.isPrimitive()) {
      return null;
    }
    if (raw == boolean.class) {
      return false;
    }
    if (raw == char.class) {
      return '\0';
    }
    return number(0L, raw);
  }

  /** Mappings of nested records, which need no model. */
  static final class TypeMappings {
    private static final Map<Class<?>, TypeMapping<?>> NESTED =
        new java.util.concurrent.ConcurrentHashMap<>();

    private TypeMappings() {}

    static TypeMapping<?> of(Class<?> type) {
      return NESTED.computeIfAbsent(type, t -> new TypeMapping<>(t, relationNames(t)));
    }

    private static Set<String> relationNames(Class<?> type) {
      Set<String> names = new LinkedHashSet<>();
      components(type).stream()
          .filter(Component::isRelation)
          .forEach(component -> names.add(component.property()));
      return names;
    }
  }
}
