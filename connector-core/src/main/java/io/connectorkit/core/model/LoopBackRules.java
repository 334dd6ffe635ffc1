package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LoopBack's declarative validation of model JSON (docs/contract.md C1.2): a property's {@code
 * enum} (LoopBack 4 writes it as {@code jsonSchema.enum}) and the model's {@code validations} of
 * the built-in kinds, with LoopBack's messages; and the WARN, once per model and setting, for
 * LoopBack settings ConnectorKit reads but does not implement (C1.1).
 *
 * <p>A {@code validations} entry is an object: {@code type} (or {@code validation}) is one of
 * {@code presence}, {@code absence}, {@code length}, {@code format}, {@code inclusion}, {@code
 * exclusion}, {@code uniqueness}, or LoopBack's method name ({@code validatesPresenceOf}, …);
 * {@code property} (or {@code propertyName}) names a declared property; {@code min}/{@code
 * max}/{@code is} (length), {@code in} (inclusion, exclusion), {@code with} (format: a regular
 * expression searched in the value), {@code message}, {@code allowNull}, {@code allowBlank} as
 * LoopBack's {@code validatesXOf} options. As in LoopBack, length, format, inclusion and exclusion
 * report an absent or empty value as {@code is blank} and a null as {@code is null} unless {@code
 * allowBlank} / {@code allowNull}; presence reports {@code can't be blank}. Uniqueness needs a
 * query, so the DAO checks it ({@link #uniqueProperties}).
 */
final class LoopBackRules {
  private static final Logger LOG = LoggerFactory.getLogger(LoopBackRules.class);

  /** Model settings LoopBack defines and ConnectorKit does not implement: warned about. */
  private static final Map<String, String> UNIMPLEMENTED_MODEL_SETTINGS =
      Map.of(
          "mixins", "mixins are code LoopBack loads from the application",
          "acls", "access control belongs to the REST layer, which ConnectorKit does not have",
          "methods", "remote methods are code of the application",
          "remoting", "remoting configures LoopBack's REST layer",
          "trackChanges", "change tracking (replication) is not implemented",
          "protected", "protected properties belong to LoopBack's REST layer");

  /** Bases that add nothing a connector stores; any other base (inheritance) is warned about. */
  private static final Set<String> PLAIN_BASES =
      Set.of("Model", "PersistedModel", "Entity", "KeyValueModel");

  private static final Set<String> KINDS =
      Set.of("presence", "absence", "length", "format", "inclusion", "exclusion", "uniqueness");

  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private LoopBackRules() {}

  /** One {@code validations} entry, checked when the model is read. */
  record Rule(
      String kind,
      String property,
      @Nullable Number min,
      @Nullable Number max,
      @Nullable Number is,
      @Nullable List<Object> in,
      @Nullable Pattern with,
      @Nullable Object message,
      boolean allowNull,
      boolean allowBlank) {}

  /**
   * The model's validation rules.
   *
   * @throws ConnectorException {@code CONFIGURATION_INVALID} naming the model and the entry
   */
  static List<Rule> rules(ModelDefinition model) {
    Object raw = model.settings().get("validations");
    if (raw == null) {
      return List.of();
    }
    // LoopBack 3's generator writes "validations": [] ; an object of entries is accepted too.
    List<?> entries =
        raw instanceof List<?> list
            ? list
            : raw instanceof Map<?, ?> map ? new ArrayList<>(map.values()) : null;
    if (entries == null) {
      throw invalid(model, "\"validations\" must be an array of objects");
    }
    List<Rule> rules = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.get(i) instanceof Map<?, ?> entry)) {
        throw invalid(model, "validations[" + i + "] must be an object");
      }
      rules.add(rule(model, i, entry));
    }
    return rules;
  }

  private static Rule rule(ModelDefinition model, int index, Map<?, ?> entry) {
    String where = "validations[" + index + "]";
    Object kindRaw = entry.get("type") != null ? entry.get("type") : entry.get("validation");
    String kind = kindRaw instanceof String text ? kindName(text) : null;
    if (kind == null || !KINDS.contains(kind)) {
      throw invalid(
          model,
          where
              + ": unknown validation "
              + kindRaw
              + " (expected one of presence, absence, length, format, inclusion, exclusion,"
              + " uniqueness)");
    }
    Object propertyRaw =
        entry.get("property") != null ? entry.get("property") : entry.get("propertyName");
    if (!(propertyRaw instanceof String property)
        || !model.properties().containsKey(property)
            && !(property.equals("id") && model.idInjection())) {
      throw invalid(
          model, where + ": \"property\" must name a declared property, got " + propertyRaw);
    }
    Number min = number(model, where, entry, "min");
    Number max = number(model, where, entry, "max");
    Number is = number(model, where, entry, "is");
    if (kind.equals("length") && min == null && max == null && is == null) {
      throw invalid(model, where + ": a length validation needs \"min\", \"max\" or \"is\"");
    }
    List<Object> in = null;
    if (kind.equals("inclusion") || kind.equals("exclusion")) {
      if (!(entry.get("in") instanceof List<?> values)) {
        throw invalid(model, where + ": an " + kind + " validation needs an array \"in\"");
      }
      in = values.stream().map(Values::normalize).toList();
    }
    Pattern with = null;
    if (kind.equals("format")) {
      if (!(entry.get("with") instanceof String regex)) {
        throw invalid(model, where + ": a format validation needs a string \"with\"");
      }
      try {
        with = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw invalid(model, where + ": \"with\" is not a regular expression: " + e.getMessage());
      }
    }
    return new Rule(
        kind,
        property,
        min,
        max,
        is,
        in,
        with,
        entry.get("message"),
        Boolean.TRUE.equals(entry.get("allowNull")),
        Boolean.TRUE.equals(entry.get("allowBlank")));
  }

  private static String kindName(String text) {
    String name = text;
    if (name.startsWith("validates") && name.endsWith("Of")) {
      name = name.substring("validates".length(), name.length() - 2);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static @Nullable Number number(
      ModelDefinition model, String where, Map<?, ?> entry, String key) {
    Object value = entry.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && n.doubleValue() >= 0) {
      return n;
    }
    throw invalid(model, where + ": \"" + key + "\" must be a number >= 0, got " + value);
  }

  /**
   * The allowed values of a property: its {@code enum}, else its {@code jsonSchema.enum}; null when
   * it has neither.
   */
  static @Nullable List<Object> allowedValues(PropertyDefinition property) {
    Object values = property.settings().get("enum");
    if (values == null && property.settings().get("jsonSchema") instanceof Map<?, ?> schema) {
      values = schema.get("enum");
    }
    return values instanceof List<?> list ? list.stream().map(Values::normalize).toList() : null;
  }

  /**
   * Adds the violations of {@code enum} and of every rule but uniqueness to {@code errors}.
   *
   * @param data the coerced values of the write
   * @param whole whether the write stores the whole record (absent means absent), not a patch
   */
  static void check(
      ModelDefinition model,
      List<Rule> rules,
      Map<String, Object> data,
      boolean whole,
      Map<String, List<String>> errors) {
    for (PropertyDefinition property : model.properties().values()) {
      List<Object> allowed = allowedValues(property);
      Object value = data.get(property.name());
      if (allowed != null && value != null && !contains(allowed, value)) {
        add(errors, property.name(), "is not included in the list");
      }
    }
    for (Rule rule : rules) {
      if (!whole && !data.containsKey(rule.property())) {
        continue; // a patch that does not touch the property keeps it as it was
      }
      Object value = data.get(rule.property());
      String message = violation(rule, value, data.containsKey(rule.property()));
      if (message != null) {
        add(errors, rule.property(), message);
      }
    }
  }

  /** The message of a rule's violation by {@code value}, or null. */
  private static @Nullable String violation(Rule rule, @Nullable Object value, boolean present) {
    switch (rule.kind()) {
      case "presence":
        return blank(value) ? message(rule, null, "can't be blank") : null;
      case "absence":
        return blank(value) ? null : message(rule, null, "can't be set");
      case "uniqueness":
        return null;
      default:
        break;
    }
    if (!present || "".equals(value)) {
      return rule.allowBlank() ? null : message(rule, "blank", "is blank");
    }
    if (value == null) {
      return rule.allowNull() ? null : message(rule, "null", "is null");
    }
    // rule() gives every format rule its pattern and every inclusion or exclusion its list.
    return switch (rule.kind()) {
      case "length" -> lengthViolation(rule, value);
      case "format" ->
          requireNonNull(rule.with(), "with is null").matcher(String.valueOf(value)).find()
              ? null
              : message(rule, null, "is invalid");
      case "inclusion" ->
          contains(requireNonNull(rule.in(), "in is null"), value)
              ? null
              : message(rule, null, "is not included in the list");
      case "exclusion" ->
          contains(requireNonNull(rule.in(), "in is null"), value)
              ? message(rule, null, "is reserved")
              : null;
      default -> throw new IllegalStateException("unknown validation " + rule.kind());
    };
  }

  private static @Nullable String lengthViolation(Rule rule, Object value) {
    long length;
    if (value instanceof String text) {
      length = text.codePointCount(0, text.length());
    } else if (value instanceof List<?> list) {
      length = list.size();
    } else {
      return null; // LoopBack measures strings and arrays only
    }
    if (rule.min() != null && length < rule.min().doubleValue()) {
      return message(rule, "min", "too short");
    }
    if (rule.max() != null && length > rule.max().doubleValue()) {
      return message(rule, "max", "too long");
    }
    if (rule.is() != null && length != rule.is().doubleValue()) {
      return message(rule, "is", "length is wrong");
    }
    return null;
  }

  /** A custom message: a string, or for length an object keyed by min/max/is, as in LoopBack. */
  private static String message(Rule rule, @Nullable String key, String fallback) {
    if (rule.message() instanceof String text) {
      return text;
    }
    if (key != null
        && rule.message() instanceof Map<?, ?> byKey
        && byKey.get(key) instanceof String text) {
      return text;
    }
    return fallback;
  }

  private static boolean blank(@Nullable Object value) {
    return value == null || value instanceof String text && text.isEmpty();
  }

  private static boolean contains(List<Object> values, Object value) {
    Object normalized = Values.normalize(value);
    for (Object candidate : values) {
      if (Objects.equals(candidate, normalized)
          || candidate instanceof Number a
              && normalized instanceof Number b
              && a.doubleValue() == b.doubleValue()) {
        return true;
      }
    }
    return false;
  }

  /** The properties the model's {@code uniqueness} validations name, with their messages. */
  static Map<String, String> uniqueProperties(ModelDefinition model) {
    Map<String, String> unique = new LinkedHashMap<>();
    for (Rule rule : rules(model)) {
      if (rule.kind().equals("uniqueness")) {
        unique.put(rule.property(), message(rule, null, "is not unique"));
      }
    }
    return unique;
  }

  /**
   * Logs once per model and setting, at WARN, every LoopBack setting of {@code model} that
   * ConnectorKit recognises but does not implement (C1.1).
   */
  static void warnUnimplemented(ModelDefinition model) {
    requireNonNull(model, "model is null");
    UNIMPLEMENTED_MODEL_SETTINGS.forEach(
        (key, reason) -> {
          Object value = model.settings().get(key);
          if (value != null && !isEmpty(value)) {
            warnOnce(model.name(), key, "model setting \"" + key + "\" is ignored: " + reason);
          }
        });
    if (model.settings().get("base") instanceof String base && !PLAIN_BASES.contains(base)) {
      warnOnce(
          model.name(),
          "base",
          "model setting \"base\": \""
              + base
              + "\" is ignored: inheritance from another model is not implemented; declare the"
              + " base model's properties in this model");
    }
    for (PropertyDefinition property : model.properties().values()) {
      if (property.settings().get("jsonSchema") instanceof Map<?, ?> schema) {
        List<String> ignored =
            schema.keySet().stream().map(String::valueOf).filter(k -> !k.equals("enum")).toList();
        if (!ignored.isEmpty()) {
          warnOnce(
              model.name(),
              property.name() + ".jsonSchema",
              "property \""
                  + property.name()
                  + "\": jsonSchema keys "
                  + ignored
                  + " are ignored (only \"enum\" is enforced); use length, required or"
                  + " validations");
        }
      }
    }
  }

  private static boolean isEmpty(Object value) {
    return value instanceof Map<?, ?> map && map.isEmpty()
        || value instanceof List<?> list && list.isEmpty();
  }

  private static void warnOnce(String model, String key, String message) {
    if (WARNED.add(model + "\u0000" + key)) {
      LOG.warn("model {}: {}", model, message);
    }
  }

  private static ConnectorException invalid(ModelDefinition model, String message) {
    return new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID, "model " + model.name() + ": " + message);
  }

  private static void add(Map<String, List<String>> errors, String property, String message) {
    errors.computeIfAbsent(property, key -> new ArrayList<>()).add(message);
  }
}
