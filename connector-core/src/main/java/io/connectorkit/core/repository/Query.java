package io.connectorkit.core.repository;

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
 * <p>Not thread-safe; each call returns this query.
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

  /** Starts a condition on a property (a dotted path for nested objects). */
  public Condition where(String property) {
    return new Condition(requireNonNull(property, "property is null"));
  }

  /** Same as {@link #where(String)}: conditions are and-ed. */
  public Condition and(String property) {
    return where(property);
  }

  /** Adds a condition built with {@link Where} (for {@code or}, say). */
  public Query<T> where(Where condition) {
    conditions.add(requireNonNull(condition, "condition is null"));
    return this;
  }

  public Query<T> orderBy(String property) {
    order.add(Order.asc(requireNonNull(property, "property is null")));
    return this;
  }

  public Query<T> orderByDesc(String property) {
    order.add(Order.desc(requireNonNull(property, "property is null")));
    return this;
  }

  /** At most this many records (per parent inside an include scope); 0 for no limit. */
  public Query<T> limit(long newLimit) {
    this.limit = newLimit;
    return this;
  }

  public Query<T> skip(long newSkip) {
    this.skip = newSkip;
    return this;
  }

  /** Only these properties; the others read back as null. */
  public Query<T> fields(String... names) {
    this.fields = Fields.only(names);
    return this;
  }

  /** Includes relations (C4.5) into the entities' relation components. */
  public Query<T> include(String... relations) {
    Arrays.stream(relations).map(Include::of).forEach(include::add);
    return this;
  }

  /** Includes a relation with a scope (where, order, fields, limit per parent, include). */
  public Query<T> include(String relation, Filter scope) {
    include.add(new Include(relation, scope));
    return this;
  }

  /** The filter built so far. */
  public Filter filter() {
    return new Filter(Where.and(conditions), fields, order, limit, skip, include);
  }

  /**
   * Runs the query.
   *
   * @throws io.connectorkit.core.ConnectorException {@code INVALID_FILTER}
   */
  public List<T> list() {
    return repository.find(filter());
  }

  /** The first matching entity. */
  public Optional<T> first() {
    return repository.findOne(filter());
  }

  /** The number of matching records (limit, skip and order do not apply). */
  public long count() {
    return repository.count(Where.and(conditions));
  }

  /** Whether any record matches. */
  public boolean exists() {
    return count() > 0;
  }

  /** Deletes the matching records (limit, skip and order do not apply); returns how many. */
  public long delete() {
    return repository.deleteAll(Where.and(conditions));
  }

  /** One condition under construction; each operator ends it and returns the query. */
  public final class Condition {
    private final String property;

    private Condition(String property) {
      this.property = property;
    }

    private Query<T> add(Where condition) {
      conditions.add(condition);
      return Query.this;
    }

    private static Object value(Object value) {
      return TypeMapping.toValue(value);
    }

    public Query<T> eq(Object value) {
      return add(Where.eq(property, value(value)));
    }

    public Query<T> neq(Object value) {
      return add(Where.neq(property, value(value)));
    }

    public Query<T> gt(Object value) {
      return add(Where.gt(property, value(value)));
    }

    public Query<T> gte(Object value) {
      return add(Where.gte(property, value(value)));
    }

    public Query<T> lt(Object value) {
      return add(Where.lt(property, value(value)));
    }

    public Query<T> lte(Object value) {
      return add(Where.lte(property, value(value)));
    }

    /** Inclusive on both ends. */
    public Query<T> between(Object low, Object high) {
      return add(Where.between(property, value(low), value(high)));
    }

    public Query<T> inq(Object... values) {
      return add(Where.inq(property, Arrays.stream(values).map(Condition::value).toList()));
    }

    public Query<T> nin(Object... values) {
      return add(Where.nin(property, Arrays.stream(values).map(Condition::value).toList()));
    }

    /** SQL-like pattern: {@code %} any run, {@code _} one character; case-sensitive. */
    public Query<T> like(String pattern) {
      return add(Where.like(property, pattern));
    }

    public Query<T> nlike(String pattern) {
      return add(Where.nlike(property, pattern));
    }

    /** Case-insensitive {@link #like}. */
    public Query<T> ilike(String pattern) {
      return add(Where.ilike(property, pattern));
    }

    public Query<T> regexp(String pattern) {
      return add(Where.regexp(property, pattern));
    }

    /** Whether the property is set (non-null). */
    public Query<T> exists(boolean exists) {
      return add(Where.exists(property, exists));
    }

    public Query<T> isNull() {
      return add(Where.eq(property, null));
    }
  }
}
