package io.connectorkit.tck.mutants;

import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.UpsertData;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Deliberately broken variants of a connector: each breaks one rule of docs/contract.md. */
final class Mutants {
  private Mutants() {}

  /**
   * One mutant.
   *
   * @param name what it breaks
   * @param tags the TCK areas to run against it (empty: all)
   * @param wrap builds the mutant around a real connector
   */
  record Mutant(String name, List<String> tags, Function<Connector, Connector> wrap) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every mutant of the build's suite: the first ones, then one per bug class of issue 15. */
  static List<Mutant> all() {
    List<Mutant> all = new ArrayList<>(firstMutants());
    all.addAll(BugClassMutants.all());
    return List.copyOf(all);
  }

  private static List<Mutant> firstMutants() {
    return List.of(
        new Mutant(
            "neq drops null rows",
            List.of("filter"),
            c ->
                new WhereRewriting(
                    c,
                    cmp ->
                        cmp.operator() == Operator.NEQ
                            ? Where.and(cmp, Where.exists(cmp.path(), true))
                            : cmp)),
        new Mutant(
            "like unanchored (matches substrings)",
            List.of("filter"),
            c ->
                new WhereRewriting(
                    c,
                    cmp ->
                        cmp.operator() == Operator.LIKE && cmp.value() instanceof String pattern
                            ? Where.like(cmp.path(), "%" + pattern + "%")
                            : cmp)),
        new Mutant(
            "like case-insensitive",
            List.of("filter"),
            c ->
                new WhereRewriting(
                    c,
                    cmp ->
                        cmp.operator() == Operator.LIKE && cmp.value() instanceof String pattern
                            ? Where.ilike(cmp.path(), pattern)
                            : cmp)),
        new Mutant(
            "inq [] matches everything",
            List.of("filter"),
            c ->
                new WhereRewriting(
                    c,
                    cmp ->
                        cmp.operator() == Operator.INQ
                                && cmp.value() instanceof List<?> list
                                && list.isEmpty()
                            ? Where.all()
                            : cmp)),
        new Mutant("count ignores where", List.of("crud", "filter"), CountIgnoresWhere::new),
        new Mutant("skip ignored without limit", List.of("paging"), SkipIgnoredWithoutLimit::new),
        new Mutant("limit ignored", List.of("paging"), LimitIgnored::new),
        new Mutant("ties not broken by id", List.of("order"), TiesReversed::new),
        new Mutant("DESC puts nulls first", List.of("order"), DescNullsFirst::new),
        new Mutant(
            "updateAll returns changed instead of matched rows",
            List.of("crud"),
            UpdateCountsChanged::new),
        new Mutant("deleteAll returns 0", List.of("crud"), DeleteReturnsZero::new),
        new Mutant(
            "upsert not atomic while declaring ATOMIC_UPSERT",
            List.of("concurrency"),
            NonAtomicUpsert::new),
        new Mutant(
            "findOrCreate not atomic while declaring ATOMIC_FIND_OR_CREATE",
            List.of("concurrency"),
            NonAtomicFindOrCreate::new),
        new Mutant(
            "dates truncated to seconds",
            List.of("types"),
            c ->
                new ValueRewriting(
                    c,
                    v -> v instanceof Instant i ? i.truncatedTo(ChronoUnit.SECONDS) : v,
                    UnaryOperator.identity())),
        new Mutant(
            "strings trimmed",
            List.of("types"),
            c ->
                new ValueRewriting(
                    c, v -> v instanceof String s ? s.trim() : v, UnaryOperator.identity())),
        new Mutant(
            "numbers as doubles (30 → 30.0)",
            List.of("types"),
            c ->
                new ValueRewriting(
                    c, UnaryOperator.identity(), v -> v instanceof Long l ? Double.valueOf(l) : v)),
        new Mutant(
            "declares MIGRATION but automigrate does nothing",
            List.of("features"),
            MigrationDeclaredButMissing::new),
        new Mutant(
            "lacks TRANSACTIONS but beginTransaction returns a no-op transaction",
            List.of("transactions", "features"),
            SilentTransactions::new),
        new Mutant(
            "lacks BATCH_CREATE but createAll silently works",
            List.of("features"),
            c ->
                new MinimalConnector(c) {
                  @Override
                  public List<Map<String, Object>> createAll(
                      ModelDefinition model, List<Map<String, Object>> data, Options options) {
                    return delegate.createAll(model, data, options);
                  }
                }),
        new Mutant("rollback does not discard", List.of("transactions"), RollbackCommits::new),
        new Mutant(
            "upsertWithWhere not atomic while declaring ATOMIC_UPSERT",
            List.of("concurrency"),
            NonAtomicUpsertWithWhere::new),
        new Mutant(
            "snapshot levels run as READ_COMMITTED",
            List.of("transactions"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Transaction beginTransaction(IsolationLevel isolation, Duration timeout) {
                    return new ForwardingTransaction(
                        this,
                        delegate.beginTransaction(IsolationLevel.READ_COMMITTED, timeout),
                        isolation,
                        timeout);
                  }
                }),
        new Mutant(
            "transaction timeout ignored",
            List.of("transactions"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Transaction beginTransaction(IsolationLevel isolation, Duration timeout) {
                    return new ForwardingTransaction(
                        this, delegate.beginTransaction(isolation, null), isolation, null);
                  }
                }),
        new Mutant(
            "createAll writes the rows before a duplicate",
            List.of("features", "crud"),
            PartialCreateAll::new),
        new Mutant(
            "native calls hidden from the execute hooks",
            List.of("hooks"),
            c -> {
              ForwardingConnector hidden = new ForwardingConnector(c);
              c.removeExecuteListener(hidden.relay);
              return hidden;
            }),
        new Mutant(
            "CRUD undeclared, yet its record methods serve records",
            List.of("features"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Set<Feature> features() {
                    EnumSet<Feature> features = EnumSet.copyOf(delegate.features());
                    features.remove(Feature.CRUD);
                    return features;
                  }
                }),
        new Mutant(
            "CRUD declared, but replaceById left at the SPI's refusal",
            List.of("crud"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Map<String, Object> replaceById(
                      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
                    throw Feature.CRUD.unsupported(name());
                  }
                }));
  }

  // ---------------------------------------------------------------- where rewriting

  /** Rewrites every comparison of every where the connector evaluates. */
  static final class WhereRewriting extends ForwardingConnector {
    private final Function<Where.Comparison, Where> rewrite;

    WhereRewriting(Connector delegate, Function<Where.Comparison, Where> rewrite) {
      super(delegate);
      this.rewrite = rewrite;
    }

    private Where map(Where where) {
      if (where instanceof Where.And and) {
        return Where.and(and.conditions().stream().map(this::map).toList());
      }
      if (where instanceof Where.Or or) {
        return Where.or(or.conditions().stream().map(this::map).toList());
      }
      return rewrite.apply((Where.Comparison) where);
    }

    @Override
    public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
      return super.all(model, filter.withWhere(map(filter.where())), options);
    }

    @Override
    public long count(ModelDefinition model, Where where, Options options) {
      return super.count(model, map(where), options);
    }

    @Override
    public long update(
        ModelDefinition model, Where where, Map<String, Object> data, Options options) {
      return super.update(model, map(where), data, options);
    }

    @Override
    public long destroyAll(ModelDefinition model, Where where, Options options) {
      return super.destroyAll(model, map(where), options);
    }
  }

  static final class CountIgnoresWhere extends ForwardingConnector {
    CountIgnoresWhere(Connector delegate) {
      super(delegate);
    }

    @Override
    public long count(ModelDefinition model, Where where, Options options) {
      return super.count(model, Where.all(), options);
    }
  }

  // ---------------------------------------------------------------- paging and order

  static final class SkipIgnoredWithoutLimit extends ForwardingConnector {
    SkipIgnoredWithoutLimit(Connector delegate) {
      super(delegate);
    }

    @Override
    public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
      Filter paged = filter.limit() == 0 ? filter.withPage(0, 0) : filter;
      return super.all(model, paged, options);
    }
  }

  static final class LimitIgnored extends ForwardingConnector {
    LimitIgnored(Connector delegate) {
      super(delegate);
    }

    @Override
    public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
      return super.all(model, filter.withPage(0, filter.skip()), options);
    }
  }

  /** Reverses each run of rows that tie on the order keys: ties by id descending. */
  static final class TiesReversed extends ForwardingConnector {
    TiesReversed(Connector delegate) {
      super(delegate);
    }

    @Override
    public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
      List<Map<String, Object>> rows = super.all(model, filter, options);
      if (filter.order().isEmpty()) {
        return rows;
      }
      List<Map<String, Object>> result = new ArrayList<>(rows.size());
      int start = 0;
      while (start < rows.size()) {
        int end = start + 1;
        while (end < rows.size() && sameKeys(filter.order(), rows.get(start), rows.get(end))) {
          end++;
        }
        List<Map<String, Object>> run = new ArrayList<>(rows.subList(start, end));
        Collections.reverse(run);
        result.addAll(run);
        start = end;
      }
      return result;
    }

    private static boolean sameKeys(
        List<Order> order, Map<String, Object> a, Map<String, Object> b) {
      return order.stream().allMatch(o -> Objects.equals(value(a, o.path()), value(b, o.path())));
    }
  }

  /** For a first order key in DESC, rows whose key is null come first instead of last. */
  static final class DescNullsFirst extends ForwardingConnector {
    DescNullsFirst(Connector delegate) {
      super(delegate);
    }

    @Override
    public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
      List<Map<String, Object>> rows = super.all(model, filter, options);
      if (filter.order().isEmpty() || !filter.order().get(0).descending()) {
        return rows;
      }
      String path = filter.order().get(0).path();
      List<Map<String, Object>> result = new ArrayList<>();
      rows.stream().filter(r -> value(r, path) == null).forEach(result::add);
      rows.stream().filter(r -> value(r, path) != null).forEach(result::add);
      return result;
    }
  }

  @SuppressWarnings("unchecked")
  static Object value(Map<String, Object> row, String path) {
    Object current = row;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = ((Map<String, Object>) map).get(part);
    }
    return current;
  }

  // ---------------------------------------------------------------- write results

  static final class UpdateCountsChanged extends ForwardingConnector {
    UpdateCountsChanged(Connector delegate) {
      super(delegate);
    }

    @Override
    public long update(
        ModelDefinition model, Where where, Map<String, Object> data, Options options) {
      List<Map<String, Object>> matched = super.all(model, Filter.where(where), options);
      long changed =
          matched.stream()
              .filter(
                  row ->
                      data.entrySet().stream()
                          .anyMatch(e -> !Objects.equals(row.get(e.getKey()), e.getValue())))
              .count();
      super.update(model, where, data, options);
      return changed;
    }
  }

  static final class DeleteReturnsZero extends ForwardingConnector {
    DeleteReturnsZero(Connector delegate) {
      super(delegate);
    }

    @Override
    public long destroyAll(ModelDefinition model, Where where, Options options) {
      super.destroyAll(model, where, options);
      return 0;
    }
  }

  /** Creates the rows one by one: the rows before a duplicate stay written. */
  static final class PartialCreateAll extends ForwardingConnector {
    PartialCreateAll(Connector delegate) {
      super(delegate);
    }

    @Override
    public List<Map<String, Object>> createAll(
        ModelDefinition model, List<Map<String, Object>> data, Options options) {
      List<Map<String, Object>> stored = new ArrayList<>();
      for (Map<String, Object> row : data) {
        stored.add(super.create(model, row, options));
      }
      return stored;
    }
  }

  // ---------------------------------------------------------------- atomicity

  /** updateOrCreate as read-then-write with a window, while declaring ATOMIC_UPSERT. */
  static final class NonAtomicUpsert extends ForwardingConnector {
    NonAtomicUpsert(Connector delegate) {
      super(delegate);
    }

    @Override
    public UpsertResult updateOrCreate(
        ModelDefinition model, Object id, UpsertData data, Options options) {
      boolean exists = super.count(model, Where.eq(model.idName(), id), options) > 0;
      window();
      if (exists) {
        return new UpsertResult(super.updateAttributes(model, id, data.patch(), options), false);
      }
      return new UpsertResult(super.create(model, data.forCreate(), options), true);
    }
  }

  /** upsertWithWhere as read-then-write with a window, while declaring ATOMIC_UPSERT. */
  static final class NonAtomicUpsertWithWhere extends ForwardingConnector {
    NonAtomicUpsertWithWhere(Connector delegate) {
      super(delegate);
    }

    @Override
    public UpsertResult upsertWithWhere(
        ModelDefinition model, Where where, UpsertData data, Options options) {
      List<Map<String, Object>> found = super.all(model, Filter.where(where), options);
      window();
      if (found.isEmpty()) {
        return new UpsertResult(super.create(model, data.forCreate(), options), true);
      }
      Object id = found.get(0).get(model.idName());
      return new UpsertResult(super.updateAttributes(model, id, data.patch(), options), false);
    }
  }

  /** findOrCreate as read-then-write with a window, while declaring ATOMIC_FIND_OR_CREATE. */
  static final class NonAtomicFindOrCreate extends ForwardingConnector {
    NonAtomicFindOrCreate(Connector delegate) {
      super(delegate);
    }

    @Override
    public UpsertResult findOrCreate(
        ModelDefinition model, Filter filter, Supplier<Map<String, Object>> data, Options options) {
      List<Map<String, Object>> found = super.all(model, filter.withPage(1, 0), options);
      window();
      if (!found.isEmpty()) {
        return new UpsertResult(found.get(0), false);
      }
      return new UpsertResult(super.create(model, data.get(), options), true);
    }
  }

  static void window() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- values

  /** Rewrites every value written (dates, strings …) or read. */
  static final class ValueRewriting extends ForwardingConnector {
    private final UnaryOperator<Object> onWrite;
    private final UnaryOperator<Object> onRead;

    ValueRewriting(
        Connector delegate, UnaryOperator<Object> onWrite, UnaryOperator<Object> onRead) {
      super(delegate);
      this.onWrite = onWrite;
      this.onRead = onRead;
    }

    private Map<String, Object> written(ModelDefinition model, Map<String, Object> data) {
      return rewrite(model, data, onWrite);
    }

    private Map<String, Object> read(ModelDefinition model, Map<String, Object> row) {
      return rewrite(model, row, onRead);
    }

    private static Map<String, Object> rewrite(
        ModelDefinition model, Map<String, Object> data, UnaryOperator<Object> change) {
      Set<String> ids = new java.util.HashSet<>();
      model.idProperties().forEach(p -> ids.add(p.name()));
      Map<String, Object> result = new LinkedHashMap<>();
      data.forEach((k, v) -> result.put(k, ids.contains(k) ? v : change.apply(v)));
      return result;
    }

    @Override
    public Map<String, Object> create(
        ModelDefinition model, Map<String, Object> data, Options options) {
      return read(model, super.create(model, written(model, data), options));
    }

    @Override
    public List<Map<String, Object>> createAll(
        ModelDefinition model, List<Map<String, Object>> data, Options options) {
      return super.createAll(model, data.stream().map(d -> written(model, d)).toList(), options)
          .stream()
          .map(r -> read(model, r))
          .toList();
    }

    @Override
    public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
      return super.all(model, filter, options).stream().map(r -> read(model, r)).toList();
    }

    @Override
    public long update(
        ModelDefinition model, Where where, Map<String, Object> data, Options options) {
      return super.update(model, where, written(model, data), options);
    }

    @Override
    public Map<String, Object> updateAttributes(
        ModelDefinition model, Object id, Map<String, Object> data, Options options) {
      return read(model, super.updateAttributes(model, id, written(model, data), options));
    }

    @Override
    public Map<String, Object> replaceById(
        ModelDefinition model, Object id, Map<String, Object> data, Options options) {
      return read(model, super.replaceById(model, id, written(model, data), options));
    }
  }

  // ---------------------------------------------------------------- features

  /** Declares MIGRATION, but automigrate and autoupdate do nothing and isActual says true. */
  static final class MigrationDeclaredButMissing extends ForwardingConnector {
    MigrationDeclaredButMissing(Connector delegate) {
      super(delegate);
    }

    @Override
    public Set<Feature> features() {
      Set<Feature> features = EnumSet.noneOf(Feature.class);
      features.addAll(super.features());
      features.add(Feature.MIGRATION);
      return features;
    }

    @Override
    public void automigrate(List<ModelDefinition> models) {}

    @Override
    public void autoupdate(List<ModelDefinition> models, boolean destructive) {}

    @Override
    public boolean isActual(List<ModelDefinition> models) {
      return true;
    }
  }

  /**
   * Does not declare TRANSACTIONS, yet beginTransaction returns a transaction whose work goes
   * straight to the store and whose commit and rollback do nothing.
   */
  static final class SilentTransactions extends ForwardingConnector {
    SilentTransactions(Connector delegate) {
      super(delegate);
    }

    @Override
    public Set<Feature> features() {
      Set<Feature> features = EnumSet.noneOf(Feature.class);
      features.addAll(super.features());
      features.remove(Feature.TRANSACTIONS);
      return features;
    }

    @Override
    public Transaction beginTransaction(IsolationLevel isolation, Duration timeout) {
      return new Transaction(this, isolation, timeout) {
        @Override
        protected void doCommit() {}

        @Override
        protected void doRollback() {}
      };
    }

    private static Options stripped(Options options) {
      return options != null && options.transaction() != null ? Options.NONE : options;
    }

    @Override
    public Map<String, Object> create(
        ModelDefinition model, Map<String, Object> data, Options options) {
      return super.create(model, data, stripped(options));
    }

    @Override
    public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
      return super.all(model, filter, stripped(options));
    }

    @Override
    public long count(ModelDefinition model, Where where, Options options) {
      return super.count(model, where, stripped(options));
    }

    @Override
    public long update(
        ModelDefinition model, Where where, Map<String, Object> data, Options options) {
      return super.update(model, where, data, stripped(options));
    }

    @Override
    public long destroyAll(ModelDefinition model, Where where, Options options) {
      return super.destroyAll(model, where, stripped(options));
    }

    @Override
    public Map<String, Object> updateAttributes(
        ModelDefinition model, Object id, Map<String, Object> data, Options options) {
      return super.updateAttributes(model, id, data, stripped(options));
    }
  }

  /** Rollback commits the delegate's transaction instead of discarding it. */
  static final class RollbackCommits extends ForwardingConnector {
    RollbackCommits(Connector delegate) {
      super(delegate);
    }

    @Override
    public Transaction beginTransaction(IsolationLevel isolation, Duration timeout) {
      return new ForwardingTransaction(
          this, delegate.beginTransaction(isolation, timeout), timeout) {
        @Override
        protected void doRollback() {
          if (delegate.isActive()) {
            delegate.commit();
          }
        }
      };
    }
  }
}
