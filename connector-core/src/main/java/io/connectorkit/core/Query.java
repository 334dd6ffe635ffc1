package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Include;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Where;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A fluent query on a {@link Repository}, building a {@link Filter} (CONTRACT C4): conditions are
 * and-ed, values are converted like entity components ({@code LocalDate}, enums, …).
 *
 * <pre>{@code
 * List<Person> page =
 *     people.query().where("age").gt(30).and("name").like("A%")
 *         .orderBy("name").limit(10).include("orders").list();
 * }</pre>
 *
 * <p>Not thread-safe; each call returns this query. Conditions are checked when the query runs: an
 * unknown property, an operator on a property of the wrong type or a value that cannot be coerced
 * fails with {@code INVALID_FILTER}. Running needs {@link io.connectorkit.core.common.Feature#CRUD}
 * and fails as the matching {@link Repository} operation does.
 *
 * @param <T> the entity type
 */
public final class Query<T> {
  private final Repository<T> repository;
  private final List<Where> conditions = new ArrayList<>();
  private final List<Order> order = new ArrayList<>();
  private final List<Include> include = new ArrayList<>();
  private Fields fields = Fields.ALL;
  private long limit;
  private long skip;

  Query(Repository<T> repository) {
    this.repository = repository;
  }

  /**
   * Starts a condition on a property (a dotted path for nested objects).
   *
   * @param property never null
   */
  public Condition where(String property) {
    return new Condition(requireNonNull(property, "property is null"));
  }

  /**
   * Same as {@link #where(String)}: conditions are and-ed.
   *
   * @param property never null
   */
  public Condition and(String property) {
    return where(property);
  }

  /**
   * Adds a condition built with {@link Where} (for {@code or}, say); its values are not converted
   * from entity types ({@code LocalDate}, enums, …) but still coerced by the property types.
   *
   * @param condition never null
   */
  public Query<T> where(Where condition) {
    conditions.add(requireNonNull(condition, "condition is null"));
    return this;
  }

  /**
   * Sorts ascending by a property (a dotted path for nested objects); a later {@code orderBy}
   * breaks ties, and the id ascending breaks the rest (C4.2).
   *
   * @param property never null
   */
  public Query<T> orderBy(String property) {
    order.add(Order.asc(requireNonNull(property, "property is null")));
    return this;
  }

  /**
   * Sorts descending by a property, as {@link #orderBy}.
   *
   * @param property never null
   */
  public Query<T> orderByDesc(String property) {
    order.add(Order.desc(requireNonNull(property, "property is null")));
    return this;
  }

  /**
   * At most this many records (per parent inside an include scope); 0 for no limit. A negative
   * value makes {@link #filter()}, and so every run, throw {@link IllegalArgumentException}.
   */
  public Query<T> limit(long newLimit) {
    this.limit = newLimit;
    return this;
  }

  /**
   * Skips this many records after sorting; 0 for none. A negative value makes {@link #filter()},
   * and so every run, throw {@link IllegalArgumentException}.
   */
  public Query<T> skip(long newSkip) {
    this.skip = newSkip;
    return this;
  }

  /**
   * Only these properties; the others read back as null. Replaces an earlier call.
   *
   * @param names none for every property
   */
  public Query<T> fields(String... names) {
    this.fields = Fields.only(names);
    return this;
  }

  /**
   * Includes relations (C4.5) into the entities' relation components.
   *
   * @param relations relation names, none null
   */
  public Query<T> include(String... relations) {
    Arrays.stream(relations).map(Include::of).forEach(include::add);
    return this;
  }

  /**
   * Includes a relation with a scope (where, order, fields, limit per parent, include).
   *
   * @param relation never null
   * @param scope never null; {@link Filter#ALL} for none
   */
  public Query<T> include(String relation, Filter scope) {
    include.add(new Include(relation, scope));
    return this;
  }

  /**
   * The filter built so far; never null.
   *
   * @throws IllegalArgumentException for a negative limit or skip
   */
  public Filter filter() {
    return new Filter(Where.and(conditions), fields, order, limit, skip, include);
  }

  /**
   * Runs the query.
   *
   * @return the matching entities; never null
   * @throws io.connectorkit.core.common.ConnectorException {@code INVALID_FILTER}; as {@link
   *     Repository#find}
   */
  public List<T> list() {
    return repository.find(filter());
  }

  /**
   * The first matching entity; empty when none matches.
   *
   * @throws io.connectorkit.core.common.ConnectorException {@code INVALID_FILTER}; as {@link
   *     Repository#findOne}
   */
  public Optional<T> first() {
    return repository.findOne(filter());
  }

  /**
   * The number of matching records (limit, skip and order do not apply).
   *
   * @throws io.connectorkit.core.common.ConnectorException {@code INVALID_FILTER}; as {@link
   *     Repository#count(Where)}
   */
  public long count() {
    return repository.count(Where.and(conditions));
  }

  /**
   * Whether any record matches.
   *
   * @throws io.connectorkit.core.common.ConnectorException as {@link #count()}
   */
  public boolean exists() {
    return count() > 0;
  }

  /**
   * Deletes the matching records (limit, skip and order do not apply); returns how many.
   *
   * @throws io.connectorkit.core.common.ConnectorException {@code INVALID_FILTER}; as {@link
   *     Repository#deleteAll}
   */
  public long delete() {
    return repository.deleteAll(Where.and(conditions));
  }

  /**
   * One condition under construction; each operator ends it and returns the query. Values are
   * converted like entity components.
   */
  public final class Condition {
    private final String property;

    private Condition(String property) {
      this.property = property;
    }

    private Query<T> add(Where condition) {
      conditions.add(condition);
      return Query.this;
    }

    private static @Nullable Object value(Object value) {
      return TypeMapping.toValue(value);
    }

    /** Equal to {@code value}; null matches null or missing (C4.1). */
    public Query<T> eq(Object value) {
      return add(Where.eq(property, value(value)));
    }

    /** Not equal to {@code value}: records where the property is null or missing match too. */
    public Query<T> neq(Object value) {
      return add(Where.neq(property, value(value)));
    }

    /** Greater than {@code value}; never matches null or missing, and a null value matches none. */
    public Query<T> gt(Object value) {
      return add(Where.gt(property, value(value)));
    }

    /** Greater than or equal to {@code value}; null handling as {@link #gt}. */
    public Query<T> gte(Object value) {
      return add(Where.gte(property, value(value)));
    }

    /** Less than {@code value}; null handling as {@link #gt}. */
    public Query<T> lt(Object value) {
      return add(Where.lt(property, value(value)));
    }

    /** Less than or equal to {@code value}; null handling as {@link #gt}. */
    public Query<T> lte(Object value) {
      return add(Where.lte(property, value(value)));
    }

    /** Inclusive on both ends. */
    public Query<T> between(Object low, Object high) {
      return add(Where.between(property, value(low), value(high)));
    }

    /**
     * Equal to one of {@code values}; none matches nothing, a null element matches null or missing.
     *
     * @param values never null
     */
    public Query<T> inq(Object... values) {
      return add(Where.inq(property, Arrays.stream(values).map(Condition::value).toList()));
    }

    /**
     * Equal to none of {@code values}: the exact complement of {@link #inq}.
     *
     * @param values never null
     */
    public Query<T> nin(Object... values) {
      return add(Where.nin(property, Arrays.stream(values).map(Condition::value).toList()));
    }

    /** SQL-like pattern: {@code %} any run, {@code _} one character; case-sensitive. */
    public Query<T> like(String pattern) {
      return add(Where.like(property, pattern));
    }

    /** Not {@link #like}: records where the property is null or missing match too. */
    public Query<T> nlike(String pattern) {
      return add(Where.nlike(property, pattern));
    }

    /** Case-insensitive {@link #like}. */
    public Query<T> ilike(String pattern) {
      return add(Where.ilike(property, pattern));
    }

    /**
     * A regular expression found anywhere in the string value: {@code "pat"} or {@code
     * "/pat/flags"} with flags {@code i}, {@code m}, {@code s}.
     */
    public Query<T> regexp(String pattern) {
      return add(Where.regexp(property, pattern));
    }

    /** Whether the property is set (non-null). */
    public Query<T> exists(boolean exists) {
      return add(Where.exists(property, exists));
    }

    /** Null or missing; same as {@code eq(null)}. */
    public Query<T> isNull() {
      return add(Where.eq(property, null));
    }
  }
}
