package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.PropertyType.Kind;
import io.connectorkit.core.model.Values;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks a filter against a model and coerces its values by property type (CONTRACT C2, C4):
 * unknown properties on strict models, {@code like} on a non-string property, values that do not
 * coerce exactly. Errors are {@code INVALID_FILTER} naming the model, the path and the value.
 *
 * <p>Pass the model as the connector sees it, with its id injected ({@link
 * ModelDefinition#withInjectedId}); when it is not, an {@code id} of a model that declares none is
 * accepted as free-form.
 */
public final class FilterBinder {
  /**
   * C4.1 depth limit on a where tree. A where object of JSON becomes at most two nested nodes (the
   * AND of its keys around an explicit {@code and}/{@code or}), so the deepest tree the parser lets
   * through (32 levels) is 64 nodes deep; a deeper tree, built in Java, is refused.
   */
  static final int MAX_NODE_DEPTH = 2 * FilterParser.MAX_DEPTH;

  private FilterBinder() {}

  /**
   * Binds the where, and checks order paths, field names and include relation names. Include scopes
   * are left unbound: they belong to the target model.
   *
   * @throws ConnectorException {@code INVALID_FILTER}
   */
  public static Filter bind(Filter filter, ModelDefinition model) {
    return bind(filter, model, false);
  }

  /**
   * As {@link #bind(Filter, ModelDefinition)}; with {@code allowExtendedOperators} the where may
   * hold {@link Where.Extension}s (their paths are checked, their values left as they are).
   *
   * @throws ConnectorException {@code INVALID_FILTER}
   */
  public static Filter bind(Filter filter, ModelDefinition model, boolean allowExtendedOperators) {
    requireNonNull(filter, "filter is null");
    requireNonNull(model, "model is null");
    Where where = bind(filter.where(), model, allowExtendedOperators);
    for (Order order : filter.order()) {
      checkPath(model, order.path(), "order");
    }
    for (String name : filter.fields().include()) {
      checkField(model, name);
    }
    for (String name : filter.fields().exclude()) {
      checkField(model, name);
    }
    for (Include include : filter.include()) {
      if (!model.relations().containsKey(include.relation())) {
        throw FilterParser.invalid(
            "include", "unknown relation \"" + include.relation() + "\" of model " + model.name());
      }
    }
    return filter.withWhere(where);
  }

  /**
   * Checks every path of a where against the model and coerces its values by property type.
   *
   * @throws ConnectorException {@code INVALID_FILTER}
   */
  public static Where bind(Where where, ModelDefinition model) {
    return bind(where, model, false);
  }

  /**
   * As {@link #bind(Where, ModelDefinition)}; with {@code allowExtendedOperators} the where may
   * hold {@link Where.Extension}s, whose paths are checked against the model and whose values are
   * left to the connector. Without it, an extension is {@code INVALID_FILTER} naming its key.
   *
   * @throws ConnectorException {@code INVALID_FILTER}
   */
  public static Where bind(Where where, ModelDefinition model, boolean allowExtendedOperators) {
    requireNonNull(where, "where is null");
    requireNonNull(model, "model is null");
    return bind(where, model, allowExtendedOperators, 1);
  }

  private static Where bind(Where where, ModelDefinition model, boolean extended, int depth) {
    // C4.1 depth limit, also for a where built in Java (the parser checks JSON text itself).
    if (depth > MAX_NODE_DEPTH) {
      throw FilterParser.invalid(
          "where", "nested deeper than " + FilterParser.MAX_DEPTH + " levels");
    }
    if (where instanceof Where.And and) {
      return and.conditions().isEmpty()
          ? where
          : Where.and(bindAll(and.conditions(), model, extended, depth));
    }
    if (where instanceof Where.Or or) {
      return or.conditions().isEmpty()
          ? where
          : Where.or(bindAll(or.conditions(), model, extended, depth));
    }
    if (where instanceof Where.Extension extension) {
      return bindExtension(extension, model, extended);
    }
    return bindComparison((Where.Comparison) where, model);
  }

  private static List<Where> bindAll(
      List<Where> conditions, ModelDefinition model, boolean extended, int depth) {
    List<Where> bound = new ArrayList<>(conditions.size());
    for (Where condition : conditions) {
      bound.add(bind(condition, model, extended, depth + 1));
    }
    return bound;
  }

  private static Where bindExtension(
      Where.Extension extension, ModelDefinition model, boolean extended) {
    String path = "where." + extension.key();
    if (!extended) {
      throw FilterParser.invalid(
          path,
          "\"$\"-prefixed keys are not allowed: "
              + Values.show(extension.operator())
              + " (extended operators need a connector that offers them and the datasource"
              + " setting allowExtendedOperators)");
    }
    if (!extension.path().isEmpty()) {
      checkPath(model, extension.path(), path);
    }
    return extension;
  }

  private static Where.Comparison bindComparison(Where.Comparison c, ModelDefinition model) {
    String path = "where." + c.path();
    // Null means free-form: undeclared on a non-strict model, or inside an object/any value.
    PropertyType type = checkPath(model, c.path(), path);
    Operator op = c.operator();
    Object value = c.value();
    String opPath = path + "." + op.jsonName();
    Object bound =
        switch (op) {
          case EQ, NEQ, GT, GTE, LT, LTE -> coerce(value, type, op, model, path);
          case BETWEEN, INQ, NIN -> {
            if (!(value instanceof List<?> list)) {
              throw FilterParser.invalid(opPath, "must be an array, got " + Values.show(value));
            }
            if (op == Operator.BETWEEN && list.size() != 2) {
              throw FilterParser.invalid(
                  opPath, "needs exactly 2 values [low, high], got " + list.size());
            }
            List<Object> items = new ArrayList<>(list.size());
            for (Object item : list) {
              items.add(coerce(item, type, op, model, path));
            }
            yield items;
          }
          case LIKE, NLIKE, ILIKE, NILIKE -> {
            if (!(value instanceof String)) {
              throw FilterParser.invalid(
                  opPath, "pattern must be a string, got " + Values.show(value));
            }
            if (type != null && !isTextual(type)) {
              throw FilterParser.invalid(
                  path,
                  op.jsonName()
                      + " needs a string property, but \""
                      + c.path()
                      + "\" of model "
                      + model.name()
                      + " is "
                      + type);
            }
            yield value;
          }
          case REGEXP -> FilterParser.parseRegexp(value, opPath);
          case EXISTS -> {
            if (value instanceof Boolean) {
              yield value;
            }
            if ("true".equals(value) || "false".equals(value)) {
              yield Boolean.valueOf((String) value);
            }
            throw FilterParser.invalid(opPath, "must be true or false, got " + Values.show(value));
          }
        };
    return new Where.Comparison(c.path(), op, bound);
  }

  /**
   * Checks a property path against the model: its first segment must be declared (on a strict
   * model) and a nested path must go into an object, any or array-of-object property.
   *
   * @return the declared type of a top-level path; null for a free-form value (no coercion)
   */
  private static @Nullable PropertyType checkPath(
      ModelDefinition model, String path, String errorPath) {
    int dot = path.indexOf('.');
    String property = dot < 0 ? path : path.substring(0, dot);
    PropertyDefinition definition = model.properties().get(property);
    if (definition == null) {
      if (!model.strict() || isImplicitId(model, property)) {
        return null;
      }
      throw FilterParser.invalid(
          errorPath, "unknown property \"" + property + "\" of model " + model.name());
    }
    if (dot < 0) {
      return definition.type();
    }
    PropertyType type = definition.type();
    PropertyType container =
        type.isArray() ? requireNonNull(type.itemType(), "itemType is null") : type;
    if (container.kind() != Kind.OBJECT && container.kind() != Kind.ANY) {
      throw FilterParser.invalid(
          errorPath,
          "property \""
              + property
              + "\" of model "
              + model.name()
              + " is "
              + type
              + ", a nested path needs an object");
    }
    return null;
  }

  private static boolean isImplicitId(ModelDefinition model, String property) {
    return property.equals("id") && model.idInjection() && !model.hasId();
  }

  private static void checkField(ModelDefinition model, String name) {
    if (model.strict() && !model.properties().containsKey(name) && !isImplicitId(model, name)) {
      throw FilterParser.invalid(
          "fields", "unknown property \"" + name + "\" of model " + model.name());
    }
  }

  private static boolean isTextual(PropertyType type) {
    PropertyType scalar =
        type.isArray() ? requireNonNull(type.itemType(), "itemType is null") : type;
    return scalar.kind() == Kind.STRING || scalar.kind() == Kind.ANY;
  }

  private static @Nullable Object coerce(
      @Nullable Object value,
      @Nullable PropertyType type,
      Operator op,
      ModelDefinition model,
      String path) {
    if (value == null) {
      return null; // a comparison with null, whatever the type
    }
    if (type == null) {
      return Values.normalize(value);
    }
    // An array property compares element-wise, except equality with a whole array.
    PropertyType target = type;
    if (type.isArray()
        && !((op == Operator.EQ || op == Operator.NEQ) && value instanceof List<?>)) {
      target = requireNonNull(type.itemType(), "itemType is null");
    }
    try {
      return Values.coerce(value, target);
    } catch (IllegalArgumentException e) {
      throw FilterParser.invalid(path, e.getMessage() + " (model " + model.name() + ")");
    }
  }
}
