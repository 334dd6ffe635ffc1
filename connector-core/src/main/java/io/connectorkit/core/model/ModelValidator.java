package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The write-side rules of CONTRACT C1.2 and C2: coercion by declared type, {@code strict}, {@code
 * required}, {@code length}, defaults and {@code forceId}.
 *
 * <p>Pass the model the connector actually stores, i.e. after {@link
 * ModelDefinition#withInjectedId(PropertyType)}, so an injected {@code id} counts as declared.
 *
 * <p>Every violation of one call is collected before failing, in one {@link ConnectorException}
 * with code {@link ErrorCode#VALIDATION_FAILED}, whose {@link ConnectorException#details()} map
 * each offending property to its messages ({@code Map<String, List<String>>}), and whose message
 * lists them in property declaration order, then undeclared keys in input order: {@code The Person
 * instance is not valid. Details: `name` can't be blank; `age` cannot convert "abc" to number.}
 *
 * <p>Messages: {@code is not defined in the model} (undeclared key of a strict model), {@code can't
 * be blank} (required), the coercion message of {@link Values#coerce} ({@code cannot convert "abc"
 * to number}, {@code item 2: cannot convert …} for arrays), {@code is too long (maximum is N
 * characters)} ({@code length}; counted in Unicode code points, strings only) and {@code can't be
 * set} ({@link #checkForceId}); for a property's {@code enum} (or {@code jsonSchema.enum}) and the
 * model's {@code validations}, LoopBack's own messages ({@code is not included in the list}, {@code
 * too short}, {@code is invalid}, …).
 */
public final class ModelValidator {
  static final String NOT_DEFINED = "is not defined in the model";
  static final String BLANK = "can't be blank";
  static final String CANT_BE_SET = "can't be set";
  static final String OPERATOR_NOT_ALLOWED =
      "is an update operator: allowed only in updateAll and updateById on a connector that offers"
          + " extended operators, with the datasource setting allowExtendedOperators";

  /** What a write does with the stored record, which decides defaults and {@code required}. */
  public enum WriteMode {
    /** A new record: defaults applied, required properties must be present and non-null. */
    CREATE,
    /** A whole record replaced: like {@link #CREATE}. */
    REPLACE,
    /** Some properties changed: no defaults; a required property fails only when set to null. */
    PATCH
  }

  private ModelValidator() {}

  /**
   * Coerces and validates data for a write.
   *
   * <p>Declared properties are coerced with {@link Values#coerce}; undeclared keys fail on a strict
   * model and are kept as {@link Values#normalize normalised} values otherwise. For {@link
   * WriteMode#CREATE} and {@link WriteMode#REPLACE}, absent properties get their {@code default} or
   * {@code defaultFn} (an explicit null stays null), and an absent or null required property fails,
   * except a generated id. For {@link WriteMode#PATCH} no default is applied and only a required
   * property present with null fails.
   *
   * @param model the model (with its injected id, if any); not null
   * @param data the written properties; not null, may hold null values
   * @param mode the kind of write; not null
   * @return a new mutable map: the coerced values of the keys of {@code data}, plus the applied
   *     defaults; declared properties first in declaration order, then undeclared keys in input
   *     order
   * @throws ConnectorException {@code VALIDATION_FAILED} listing every violation (see the class
   *     documentation)
   * @throws NullPointerException when an argument is null
   */
  public static Map<String, Object> validate(
      ModelDefinition model, Map<String, ?> data, WriteMode mode) {
    return validate(model, data, mode, Clock.systemUTC());
  }

  static Map<String, Object> validate(
      ModelDefinition model, Map<String, ?> data, WriteMode mode, Clock clock) {
    requireNonNull(model, "model is null");
    requireNonNull(data, "data is null");
    requireNonNull(mode, "mode is null");
    requireNonNull(clock, "clock is null");
    boolean whole = mode != WriteMode.PATCH;
    Map<String, Object> result = new LinkedHashMap<>();
    Map<String, List<String>> errors = new LinkedHashMap<>();

    for (PropertyDefinition property : model.properties().values()) {
      String name = property.name();
      if (!data.containsKey(name)) {
        if (!whole) {
          continue;
        }
        if (hasDefault(property)) {
          result.put(name, defaultOf(property, clock));
        } else if (isRequired(property)) {
          error(errors, name, BLANK);
        }
        continue;
      }
      if (tooDeep(data.get(name))) {
        error(errors, name, TOO_DEEP);
        continue;
      }
      Object value;
      try {
        value = Values.coerce(data.get(name), property.type());
      } catch (IllegalArgumentException e) {
        error(errors, name, String.valueOf(e.getMessage()));
        continue;
      }
      if (value == null && isRequired(property)) {
        error(errors, name, BLANK);
      } else if (value instanceof String text
          && property.length() != null
          && text.codePointCount(0, text.length()) > property.length()) {
        error(errors, name, "is too long (maximum is " + property.length() + " characters)");
      }
      result.put(name, value);
    }

    for (Map.Entry<String, ?> entry : data.entrySet()) {
      String key = entry.getKey();
      if (key != null && model.properties().containsKey(key)) {
        continue;
      }
      if (key == null) {
        // no backend can store it, strict or not
        error(errors, "null", NOT_DEFINED);
      } else if (key.startsWith("$")) {
        // An update operator: never stored as a field, even on a free-form model.
        error(errors, key, OPERATOR_NOT_ALLOWED);
      } else if (model.strict()) {
        error(errors, key, NOT_DEFINED);
      } else if (tooDeep(entry.getValue())) {
        error(errors, key, TOO_DEEP);
      } else {
        result.put(key, Values.normalize(entry.getValue()));
      }
    }
    LoopBackRules.check(model, LoopBackRules.rules(model), result, whole, errors);

    if (!errors.isEmpty()) {
      throw invalid(model, errors);
    }
    return result;
  }

  /**
   * Fills the absent properties of {@code data} that have a {@code default} or {@code defaultFn}
   * ({@code now}: the current instant truncated to milliseconds; {@code uuid}, {@code uuidv4},
   * {@code guid}: a random UUID string). Present keys, null-valued ones included, are left alone;
   * nothing is coerced or validated.
   *
   * @param model not null
   * @param data not null
   * @return a new mutable map: {@code data} followed by the applied defaults in declaration order
   * @throws NullPointerException when an argument is null
   */
  public static Map<String, Object> applyDefaults(ModelDefinition model, Map<String, ?> data) {
    requireNonNull(model, "model is null");
    requireNonNull(data, "data is null");
    Map<String, Object> result = new LinkedHashMap<>(data);
    Clock clock = Clock.systemUTC();
    for (PropertyDefinition property : model.properties().values()) {
      if (!data.containsKey(property.name()) && hasDefault(property)) {
        result.put(property.name(), defaultOf(property, clock));
      }
    }
    return result;
  }

  /**
   * Enforces {@code forceId} (C1.2) on data for a new record: when {@link
   * ModelDefinition#isForceId()} holds, no id property may have a non-null value.
   *
   * @param model not null
   * @param data not null
   * @throws ConnectorException {@code VALIDATION_FAILED} with details {@code {"id": ["can't be
   *     set"]}} (keyed by each id property set)
   * @throws NullPointerException when an argument is null
   */
  public static void checkForceId(ModelDefinition model, Map<String, ?> data) {
    requireNonNull(model, "model is null");
    requireNonNull(data, "data is null");
    if (!model.isForceId()) {
      return;
    }
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (PropertyDefinition id : model.idProperties()) {
      if (data.get(id.name()) != null) {
        error(errors, id.name(), CANT_BE_SET);
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(model, errors);
    }
  }

  /**
   * The properties that the model's {@code uniqueness} validations name (C1.2, LoopBack's {@code
   * validatesUniquenessOf}), each with the message its violation reports ({@code is not unique}
   * unless the validation sets one). Checking them needs a query, so the DAO does it on create.
   *
   * @param model not null
   * @return by property name, in validation order; empty when there are none
   * @throws NullPointerException when {@code model} is null
   */
  public static Map<String, String> uniquenessValidations(ModelDefinition model) {
    requireNonNull(model, "model is null");
    return LoopBackRules.uniqueProperties(model);
  }

  /**
   * {@code VALIDATION_FAILED} in this class's format for one property's message.
   *
   * @throws NullPointerException when an argument is null
   */
  public static ConnectorException violation(
      ModelDefinition model, String property, String message) {
    requireNonNull(model, "model is null");
    requireNonNull(property, "property is null");
    requireNonNull(message, "message is null");
    Map<String, List<String>> errors = new LinkedHashMap<>();
    error(errors, property, message);
    return invalid(model, errors);
  }

  private static boolean isRequired(PropertyDefinition property) {
    return property.required() && !(property.isId() && property.generated());
  }

  private static boolean hasDefault(PropertyDefinition property) {
    return property.defaultValue() != null || property.defaultFn() != null;
  }

  private static @Nullable Object defaultOf(PropertyDefinition property, Clock clock) {
    if (property.defaultFn() == null) {
      // a fresh copy each time: callers may mutate the map or list they get
      return Values.coerce(property.defaultValue(), property.type());
    }
    return switch (property.defaultFn()) {
      case "now" -> Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
      case "uuid", "uuidv4", "guid" -> UUID.randomUUID().toString();
      default -> throw new IllegalStateException("unknown defaultFn " + property.defaultFn());
    };
  }

  /** Deeper than this, a value is refused: every backend and the JSON codecs recurse per level. */
  static final int MAX_VALUE_DEPTH = 100;

  private static final String TOO_DEEP =
      "is nested deeper than " + MAX_VALUE_DEPTH + " levels of objects and arrays";

  /**
   * Whether a value nests maps and lists deeper than {@link #MAX_VALUE_DEPTH}; iterative, so a
   * value nested 10,000 deep is refused without exhausting the stack (C5: VALIDATION_FAILED).
   */
  static boolean tooDeep(Object value) {
    java.util.ArrayDeque<Object[]> pending = new java.util.ArrayDeque<>();
    pending.push(new Object[] {value, 0});
    while (!pending.isEmpty()) {
      Object[] next = pending.pop();
      int depth = (Integer) next[1];
      java.util.Collection<?> children =
          next[0] instanceof Map<?, ?> map
              ? map.values()
              : next[0] instanceof java.util.Collection<?> list
                  ? list
                  : next[0] instanceof Object[] array ? java.util.Arrays.asList(array) : null;
      if (children == null) {
        continue;
      }
      if (depth >= MAX_VALUE_DEPTH) {
        return true;
      }
      for (Object child : children) {
        pending.push(new Object[] {child, depth + 1});
      }
    }
    return false;
  }

  private static void error(Map<String, List<String>> errors, String property, String message) {
    errors.computeIfAbsent(property, key -> new ArrayList<>()).add(message);
  }

  private static ConnectorException invalid(
      ModelDefinition model, Map<String, List<String>> errors) {
    StringJoiner details = new StringJoiner("; ", "", ".");
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    errors.forEach(
        (property, messages) -> {
          messages.forEach(message -> details.add("`" + property + "` " + message));
          frozen.put(property, List.copyOf(messages));
        });
    return new ConnectorException(
        ErrorCode.VALIDATION_FAILED,
        "The " + model.name() + " instance is not valid. Details: " + details,
        frozen);
  }

  /**
   * Coerces and validates the data of {@code updateAll}/{@code updateById} on a connector that
   * {@link io.connectorkit.core.spi.Connector#allowsExtendedOperators() allows extended operators}:
   * the plain keys, plus {@code $}-prefixed update operators ({@code {"$inc": {"count": 1}}}).
   *
   * <p>{@code $set} is the same as the plain keys and {@code $unset} as setting them to null, so
   * both are merged into the plain patch and validated as a {@link WriteMode#PATCH}. Every other
   * operator must map fields to operands and stays in the result under its key, with its operands
   * coerced where the meaning is clear: {@code $inc} and {@code $mul} need a {@code number}
   * property and a number; {@code $min} and {@code $max} take the property's type; {@code $push},
   * {@code $addToSet} and {@code $pull} take the item type of a typed array (an object operand such
   * as {@code {"$each": […]}} is passed as it is). Operands of other operators, of nested paths and
   * of free-form properties are {@link Values#normalize normalised} only. Id properties cannot be
   * changed; undeclared top-level properties fail on a strict model; a field changed twice fails.
   *
   * @return a new mutable map: the validated plain patch, then the other operators in input order
   * @throws ConnectorException {@code VALIDATION_FAILED} naming each offending key
   * @throws NullPointerException when an argument is null
   */
  public static Map<String, Object> validateUpdate(ModelDefinition model, Map<String, ?> data) {
    requireNonNull(model, "model is null");
    requireNonNull(data, "data is null");
    Map<String, Object> plain = new LinkedHashMap<>();
    Map<String, Map<?, ?>> operators = new LinkedHashMap<>();
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : data.entrySet()) {
      String key = entry.getKey();
      if (key == null || !key.startsWith("$")) {
        plain.put(key, entry.getValue());
      } else if (!(entry.getValue() instanceof Map<?, ?> fields)) {
        error(errors, key, "must be an object of property names and operands");
      } else {
        operators.put(key, fields);
      }
    }
    Map<String, Map<String, Object>> coerced = new LinkedHashMap<>();
    java.util.Set<String> changed = new java.util.HashSet<>(plain.keySet());
    for (Map.Entry<String, Map<?, ?>> operator : operators.entrySet()) {
      String op = operator.getKey();
      for (Map.Entry<?, ?> field : operator.getValue().entrySet()) {
        String name = String.valueOf(field.getKey());
        if (!changed.add(name)) {
          error(errors, name, "is changed twice in one update");
          continue;
        }
        if (op.equals("$set") || op.equals("$unset")) {
          plain.put(name, op.equals("$set") ? field.getValue() : null);
          continue;
        }
        try {
          Object operand = operand(model, op, name, field.getValue());
          coerced.computeIfAbsent(op, key -> new LinkedHashMap<>()).put(name, operand);
        } catch (IllegalArgumentException e) {
          error(errors, name, String.valueOf(e.getMessage()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(model, errors);
    }
    Map<String, Object> result = validate(model, plain, WriteMode.PATCH);
    result.putAll(coerced);
    return result;
  }

  /** The operand of one field of an update operator, coerced where the meaning is clear. */
  private static @Nullable Object operand(
      ModelDefinition model, String op, String name, Object value) {
    int dot = name.indexOf('.');
    PropertyDefinition property = model.properties().get(dot < 0 ? name : name.substring(0, dot));
    if (name.isEmpty() || name.startsWith("$")) {
      throw new IllegalArgumentException("is not a property name (in " + op + ")");
    }
    if (property == null) {
      if (model.strict()) {
        throw new IllegalArgumentException(NOT_DEFINED);
      }
      return Values.normalize(value);
    }
    if (property.isId()) {
      throw new IllegalArgumentException("is an id property: " + op + " cannot change it");
    }
    if (dot >= 0) {
      return Values.normalize(value);
    }
    PropertyType type = property.type();
    return switch (op) {
      case "$inc", "$mul" -> {
        if (type.kind() != PropertyType.Kind.NUMBER) {
          throw new IllegalArgumentException(
              "is a " + type + " property: " + op + " needs a number property");
        }
        if (value == null) {
          throw new IllegalArgumentException(op + " needs a number, got null");
        }
        yield Values.coerce(value, type);
      }
      case "$min", "$max" -> Values.coerce(value, type);
      case "$push", "$addToSet", "$pull" ->
          type.isArray() && !(value instanceof Map<?, ?>)
              ? Values.coerce(value, requireNonNull(type.itemType(), "itemType is null"))
              : Values.normalize(value);
      default -> Values.normalize(value);
    };
  }
}
