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
  public static final Filter ALL = new Filter(Where.all(), Fields.ALL, List.of(), 0, 0, List.of());

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

  public static Filter where(Where where) {
    return new Filter(where, Fields.ALL, List.of(), 0, 0, List.of());
  }

  public Filter withWhere(Where newWhere) {
    return new Filter(newWhere, fields, order, limit, skip, include);
  }

  public Filter withFields(Fields newFields) {
    return new Filter(where, newFields, order, limit, skip, include);
  }

  public Filter withOrder(List<Order> newOrder) {
    return new Filter(where, fields, newOrder, limit, skip, include);
  }

  public Filter withPage(long newLimit, long newSkip) {
    return new Filter(where, fields, order, newLimit, newSkip, include);
  }

  public Filter withInclude(List<Include> newInclude) {
    return new Filter(where, fields, order, limit, skip, newInclude);
  }

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

    public Builder where(Where newWhere) {
      this.where = requireNonNull(newWhere, "where is null");
      return this;
    }

    public Builder fields(String... names) {
      this.fields = Fields.only(names);
      return this;
    }

    public Builder fields(Fields newFields) {
      this.fields = requireNonNull(newFields, "fields is null");
      return this;
    }

    /** Order in the JSON string form: {@code "name ASC, age DESC"}. */
    public Builder order(String spec) {
      this.order = FilterParser.parseOrder(requireNonNull(spec, "spec is null"));
      return this;
    }

    public Builder order(Order... orders) {
      this.order = List.of(orders);
      return this;
    }

    public Builder limit(long newLimit) {
      this.limit = newLimit;
      return this;
    }

    public Builder skip(long newSkip) {
      this.skip = newSkip;
      return this;
    }

    public Builder include(String... relations) {
      this.include = java.util.Arrays.stream(relations).map(Include::of).toList();
      return this;
    }

    public Builder include(Include... includes) {
      this.include = List.of(includes);
      return this;
    }

    public Filter build() {
      return new Filter(where, fields, order, limit, skip, include);
    }
  }
}
