package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An immutable filter (CONTRACT C4): where, fields, order, limit, skip and include. Parse JSON with
 * {@link FilterParser}; build one in Java with {@link #builder()}.
 *
 * @param where never null; {@link Where#all()} for none
 * @param fields never null; {@link Fields#ALL} for all
 * @param order never null; empty for id order
 * @param limit 0 for no limit
 * @param skip rows to skip, 0 for none
 * @param include never null
 */
public record Filter(
    Where where, Fields fields, List<Order> order, long limit, long skip, List<Include> include) {
  /** Every record, every field, id order, no limit, skip or include. */
  public static final Filter ALL = new Filter(Where.all(), Fields.ALL, List.of(), 0, 0, List.of());

  /**
   * Copies the lists (unmodifiable).
   *
   * @throws NullPointerException for a null component or a null list element
   * @throws IllegalArgumentException for a negative limit or skip
   */
  public Filter {
    requireNonNull(where, "where is null");
    requireNonNull(fields, "fields is null");
    order = List.copyOf(requireNonNull(order, "order is null"));
    include = List.copyOf(requireNonNull(include, "include is null"));
    if (limit < 0) {
      throw new IllegalArgumentException("limit is negative: " + limit);
    }
    if (skip < 0) {
      throw new IllegalArgumentException("skip is negative: " + skip);
    }
  }

  /**
   * A filter of a where alone, everything else as in {@link #ALL}.
   *
   * @throws NullPointerException for a null where
   */
  public static Filter where(Where where) {
    return new Filter(where, Fields.ALL, List.of(), 0, 0, List.of());
  }

  /** A copy with another where; null throws NullPointerException. */
  public Filter withWhere(Where newWhere) {
    return new Filter(newWhere, fields, order, limit, skip, include);
  }

  /** A copy with another field selection; null throws NullPointerException. */
  public Filter withFields(Fields newFields) {
    return new Filter(where, newFields, order, limit, skip, include);
  }

  /** A copy with other order keys (empty for id order); null throws NullPointerException. */
  public Filter withOrder(List<Order> newOrder) {
    return new Filter(where, fields, newOrder, limit, skip, include);
  }

  /**
   * A copy with another limit (0 for none) and skip.
   *
   * @throws IllegalArgumentException for a negative limit or skip
   */
  public Filter withPage(long newLimit, long newSkip) {
    return new Filter(where, fields, order, newLimit, newSkip, include);
  }

  /** A copy with other includes (empty for none); null throws NullPointerException. */
  public Filter withInclude(List<Include> newInclude) {
    return new Filter(where, fields, order, limit, skip, newInclude);
  }

  /** A new builder, starting from {@link #ALL}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A fluent builder: {@code Filter.builder().where(Where.gt("age", 30)).order("name").limit(10)}.
   */
  public static final class Builder {
    private Where where = Where.all();
    private Fields fields = Fields.ALL;
    private List<Order> order = List.of();
    private long limit;
    private long skip;
    private List<Include> include = List.of();

    private Builder() {}

    /**
     * Sets the where (default {@link Where#all()}).
     *
     * @throws NullPointerException for a null where
     */
    public Builder where(Where newWhere) {
      this.where = requireNonNull(newWhere, "where is null");
      return this;
    }

    /**
     * Selects only the named properties ({@link Fields#only}); no names selects every property.
     *
     * @throws NullPointerException for a null array or name
     */
    public Builder fields(String... names) {
      this.fields = Fields.only(names);
      return this;
    }

    /**
     * Sets the field selection (default {@link Fields#ALL}).
     *
     * @throws NullPointerException for a null selection
     */
    public Builder fields(Fields newFields) {
      this.fields = requireNonNull(newFields, "fields is null");
      return this;
    }

    /** Order in the JSON string form: {@code "name ASC, age DESC"}. */
    public Builder order(String spec) {
      this.order = FilterParser.parseOrder(requireNonNull(spec, "spec is null"));
      return this;
    }

    /**
     * Sets the order keys, replacing earlier ones; none for id order.
     *
     * @throws NullPointerException for a null array or key
     */
    public Builder order(Order... orders) {
      this.order = List.of(orders);
      return this;
    }

    /** Sets the limit, 0 (the default) for none; {@link #build()} refuses a negative one. */
    public Builder limit(long newLimit) {
      this.limit = newLimit;
      return this;
    }

    /** Sets the rows to skip, 0 by default; {@link #build()} refuses a negative number. */
    public Builder skip(long newSkip) {
      this.skip = newSkip;
      return this;
    }

    /**
     * Includes these relations without a scope, replacing earlier includes. Whether the model has
     * them is checked when the filter is bound ({@link FilterBinder}: {@code INVALID_FILTER}).
     *
     * @throws NullPointerException for a null array or name
     */
    public Builder include(String... relations) {
      this.include = java.util.Arrays.stream(relations).map(Include::of).toList();
      return this;
    }

    /**
     * Sets the includes, replacing earlier ones.
     *
     * @throws NullPointerException for a null array or include
     */
    public Builder include(Include... includes) {
      this.include = List.of(includes);
      return this;
    }

    /**
     * The filter; the builder can go on being used.
     *
     * @throws IllegalArgumentException for a negative limit or skip
     */
    public Filter build() {
      return new Filter(where, fields, order, limit, skip, include);
    }
  }
}
