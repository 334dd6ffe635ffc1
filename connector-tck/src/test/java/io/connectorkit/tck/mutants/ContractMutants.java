package io.connectorkit.tck.mutants;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.tck.mutants.Mutants.Mutant;
import io.connectorkit.tck.mutants.Mutants.ValueRewriting;
import io.connectorkit.tck.mutants.Mutants.WhereRewriting;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The second, independent mutant family: written section by section from docs/contract.md (C1.2 to
 * C9), asking for each rule "what would a plausible connector get wrong here?". Each mutant names
 * its section and must fail at least one TCK test of that same section, so a rule is caught where
 * the contract states it, not by accident elsewhere.
 */
final class ContractMutants {
  private ContractMutants() {}

  /** A mutant of the contract family and the section whose rule it breaks. */
  record SectionMutant(String section, Mutant mutant) {
    @Override
    public String toString() {
      return section + " " + mutant.name();
    }
  }

  private static SectionMutant in(
      String section,
      String name,
      List<String> tags,
      java.util.function.Function<Connector, Connector> wrap) {
    return new SectionMutant(section, new Mutant(name, tags, wrap));
  }

  /** The sections the family covers, in the contract's order. */
  static final List<String> SECTIONS =
      List.of(
          "C1.2", "C2", "C3", "C4.1", "C4.2", "C4.3", "C4.4", "C4.5", "C4.6", "C5", "C6", "C7",
          "C8", "C9");

  static List<SectionMutant> all() {
    return List.of(
        // C1.2 models
        in(
            "C1.2",
            "generated ids ignore explicit ids (a counter from 1)",
            List.of("crud"),
            c -> new PerModelCounter(c, 1)),
        in("C1.2", "generated ids start at 0", List.of("crud"), c -> new PerModelCounter(c, 0)),
        in(
            "C1.2",
            "undeclared properties of strict:false models dropped on create",
            List.of("crud"),
            DropsUndeclared::new),
        // C2 data values
        in(
            "C2",
            "booleans read back as 1 / 0",
            List.of("types"),
            c ->
                new ValueRewriting(
                    c,
                    UnaryOperator.identity(),
                    v -> v instanceof Boolean b ? (Object) (b ? 1L : 0L) : v)),
        in(
            "C2",
            "buffers read back as base64 text",
            List.of("types"),
            c ->
                new ValueRewriting(
                    c,
                    UnaryOperator.identity(),
                    v ->
                        v instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : v)),
        in(
            "C2",
            "dates read back an hour off (local time zone)",
            List.of("types"),
            c ->
                new ValueRewriting(
                    c,
                    UnaryOperator.identity(),
                    v -> v instanceof Instant i ? i.plusSeconds(3600) : v)),
        in(
            "C2",
            "fractional numbers rounded on write",
            List.of("types"),
            c ->
                new ValueRewriting(
                    c,
                    v -> v instanceof Double d && d % 1 != 0 ? (Object) (double) Math.round(d) : v,
                    UnaryOperator.identity())),
        // C3 operations
        in(
            "C3",
            "updateById replaces the record (unmentioned properties lost)",
            List.of("crud"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Map<String, Object> updateAttributes(
                      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
                    return super.replaceById(model, id, data, options);
                  }
                }),
        in(
            "C3",
            "replaceById patches (unmentioned properties kept)",
            List.of("crud"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Map<String, Object> replaceById(
                      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
                    return super.updateAttributes(model, id, data, options);
                  }
                }),
        in(
            "C3",
            "deleteAll ignores its where",
            List.of("crud"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public long destroyAll(ModelDefinition model, Where where, Options options) {
                    return super.destroyAll(model, Where.all(), options);
                  }
                }),
        // C4.1 where
        in(
            "C4.1",
            "gt includes the bound (gt as gte)",
            List.of("filter"),
            c ->
                new WhereRewriting(
                    c,
                    cmp ->
                        cmp.operator() == Operator.GT ? Where.gte(cmp.path(), cmp.value()) : cmp)),
        in(
            "C4.1",
            "between excludes its bounds",
            List.of("filter"),
            c ->
                new WhereRewriting(
                    c,
                    cmp ->
                        cmp.operator() == Operator.BETWEEN
                                && cmp.value() instanceof List<?> b
                                && b.size() == 2
                            ? Where.and(
                                Where.gt(cmp.path(), b.get(0)), Where.lt(cmp.path(), b.get(1)))
                            : cmp)),
        in(
            "C4.1",
            "nin [] matches nothing",
            List.of("filter"),
            c ->
                new WhereRewriting(
                    c,
                    cmp ->
                        cmp.operator() == Operator.NIN
                                && cmp.value() instanceof List<?> l
                                && l.isEmpty()
                            ? Where.none()
                            : cmp)),
        in(
            "C4.1",
            "ilike case-sensitive (as like)",
            List.of("filter"),
            c ->
                new WhereRewriting(
                    c,
                    cmp ->
                        cmp.operator() == Operator.ILIKE && cmp.value() instanceof String p
                            ? Where.like(cmp.path(), p)
                            : cmp)),
        in(
            "C4.1",
            "exists:false treats null as present",
            List.of("filter"),
            c ->
                new WhereRewriting(
                    c,
                    cmp ->
                        cmp.operator() == Operator.EXISTS && Boolean.FALSE.equals(cmp.value())
                            ? Where.eq(cmp.path(), "\u0000never")
                            : cmp)),
        // C4.2 order
        in(
            "C4.2",
            "order ignored (rows in id order)",
            List.of("order"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public List<Map<String, Object>> all(
                      ModelDefinition model, Filter filter, Options options) {
                    return super.all(model, filter.withOrder(List.of()), options);
                  }
                }),
        in(
            "C4.2",
            "only the first order key honoured",
            List.of("order"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public List<Map<String, Object>> all(
                      ModelDefinition model, Filter filter, Options options) {
                    return super.all(
                        model,
                        filter.order().size() > 1
                            ? filter.withOrder(filter.order().subList(0, 1))
                            : filter,
                        options);
                  }
                }),
        // C4.3 limit, skip
        in(
            "C4.3",
            "limit off by one",
            List.of("paging"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public List<Map<String, Object>> all(
                      ModelDefinition model, Filter filter, Options options) {
                    return super.all(
                        model,
                        filter.limit() > 0
                            ? filter.withPage(filter.limit() + 1, filter.skip())
                            : filter,
                        options);
                  }
                }),
        in(
            "C4.3",
            "skip applied twice",
            List.of("paging"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public List<Map<String, Object>> all(
                      ModelDefinition model, Filter filter, Options options) {
                    return super.all(
                        model, filter.withPage(filter.limit(), filter.skip() * 2), options);
                  }
                }),
        // C4.4 fields
        // The DAO projects fields itself (connectors are asked for whole rows), so the plausible
        // connector bug here is a row whose keys are not the model's: the id under the backend's
        // own name, which a fields selection then misses.
        in(
            "C4.4",
            "the id returned under the backend's own name (_id)",
            List.of("fields"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public List<Map<String, Object>> all(
                      ModelDefinition model, Filter filter, Options options) {
                    return super.all(model, filter, options).stream()
                        .map(
                            row -> {
                              Map<String, Object> renamed = new LinkedHashMap<>(row);
                              if (renamed.containsKey("id")) {
                                renamed.put("_id", renamed.remove("id"));
                              }
                              return renamed;
                            })
                        .toList();
                  }
                }),
        // C4.5 include
        in(
            "C4.5",
            "inq keeps only its first value (batched includes lose rows)",
            List.of("relations"),
            c ->
                new WhereRewriting(
                    c,
                    cmp ->
                        cmp.operator() == Operator.INQ
                                && cmp.value() instanceof List<?> l
                                && l.size() > 1
                            ? Where.inq(cmp.path(), l.subList(0, 1))
                            : cmp)),
        // C4.6 residual evaluation
        in(
            "C4.6",
            "nested paths claimed by the pushdown but dropped",
            List.of("filter"),
            c -> new WhereRewriting(c, cmp -> cmp.path().contains(".") ? Where.all() : cmp)),
        // C5 errors
        in(
            "C5",
            "a duplicate id overwrites the stored record",
            List.of("errors", "crud"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Map<String, Object> create(
                      ModelDefinition model, Map<String, Object> data, Options options) {
                    try {
                      return super.create(model, data, options);
                    } catch (ConnectorException e) {
                      if (e.code() != ErrorCode.DUPLICATE_KEY) {
                        throw e;
                      }
                      String id = model.idProperties().get(0).name();
                      return super.replaceById(model, data.get(id), data, options);
                    }
                  }
                }),
        in(
            "C5",
            "ENTITY_NOT_FOUND reported as BACKEND_ERROR",
            List.of("errors", "crud"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Map<String, Object> updateAttributes(
                      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
                    try {
                      return super.updateAttributes(model, id, data, options);
                    } catch (ConnectorException e) {
                      if (e.code() != ErrorCode.ENTITY_NOT_FOUND) {
                        throw e;
                      }
                      throw new ConnectorException(ErrorCode.BACKEND_ERROR, e.getMessage());
                    }
                  }
                }),
        in(
            "C5",
            "a backend failure escapes as a raw library exception",
            List.of("errors", "crud"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Map<String, Object> create(
                      ModelDefinition model, Map<String, Object> data, Options options) {
                    try {
                      return super.create(model, data, options);
                    } catch (ConnectorException e) {
                      throw new IllegalStateException("driver: " + e.getMessage());
                    }
                  }
                }),
        // C6 lifecycle
        in(
            "C6",
            "ping throws a raw exception once disconnected",
            List.of("lifecycle"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public boolean ping() {
                    if (!isConnected()) {
                      throw new IllegalStateException("pool closed");
                    }
                    return super.ping();
                  }
                }),
        in(
            "C6",
            "connecting again after disconnect fails",
            List.of("lifecycle"),
            c ->
                new ForwardingConnector(c) {
                  private final AtomicLong connects = new AtomicLong();

                  @Override
                  protected void doConnect() {
                    if (connects.incrementAndGet() > 1) {
                      throw new ConnectorException(
                          ErrorCode.CONNECTION_FAILED, "pool closed for good");
                    }
                    super.doConnect();
                  }
                }),
        // C7 optional features
        in(
            "C7",
            "undeclared DISCOVERY answers an empty list",
            List.of("features"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public List<Map<String, Object>> discoverModelDefinitions(
                      Map<String, Object> options) {
                    return List.of();
                  }
                }),
        in(
            "C7",
            "undeclared EXECUTE throws Java's UnsupportedOperationException",
            List.of("features"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Object execute(String command, List<Object> params, Options options) {
                    throw new UnsupportedOperationException("execute");
                  }
                }),
        // C8 transactions
        in(
            "C8",
            "commit discards the work",
            List.of("transactions"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Transaction beginTransaction(IsolationLevel isolation, Duration timeout) {
                    return new ForwardingTransaction(
                        this, delegate.beginTransaction(isolation, timeout), timeout) {
                      @Override
                      protected void doCommit() {
                        delegate.rollback();
                      }
                    };
                  }
                }),
        in(
            "C8",
            "reads in a transaction miss its own writes",
            List.of("transactions"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public List<Map<String, Object>> all(
                      ModelDefinition model, Filter filter, Options options) {
                    return super.all(model, filter, Options.NONE);
                  }
                }),
        // C9 hooks
        in("C9", "after execute called twice", List.of("hooks"), c -> relayed(c, false, true)),
        in(
            "C9",
            "exceptions of before execute swallowed",
            List.of("hooks"),
            c -> relayed(c, true, false)));
  }

  /** A forwarding connector whose relay of the native calls' hooks is broken one way. */
  private static Connector relayed(Connector c, boolean swallowBefore, boolean afterTwice) {
    ForwardingConnector outer = new ForwardingConnector(c);
    c.removeExecuteListener(outer.relay);
    c.addExecuteListener(
        new ExecuteListener() {
          @Override
          public void beforeExecute(ExecuteContext context) {
            try {
              outer.relay.beforeExecute(context);
            } catch (RuntimeException e) {
              if (!swallowBefore) {
                throw e;
              }
            }
          }

          @Override
          public void afterExecute(ExecuteContext context) {
            outer.relay.afterExecute(context);
            if (afterTwice) {
              outer.relay.afterExecute(context);
            }
          }
        });
    return outer;
  }

  /** Generated number ids from a per-model counter that ignores the ids already stored. */
  static final class PerModelCounter extends ForwardingConnector {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final long first;

    PerModelCounter(Connector delegate, long first) {
      super(delegate);
      this.first = first;
    }

    @Override
    public Map<String, Object> create(
        ModelDefinition model, Map<String, Object> data, Options options) {
      String id = BugClassMutants.generatedNumberId(model);
      if (id == null || data.get(id) != null) {
        return super.create(model, data, options);
      }
      Map<String, Object> withId = new LinkedHashMap<>(data);
      withId.put(
          id, counters.computeIfAbsent(model.name(), k -> new AtomicLong(first)).getAndIncrement());
      return super.create(model, withId, options);
    }
  }

  /** Drops every property the model does not declare before storing (free-form data lost). */
  static final class DropsUndeclared extends ForwardingConnector {
    DropsUndeclared(Connector delegate) {
      super(delegate);
    }

    @Override
    public Map<String, Object> create(
        ModelDefinition model, Map<String, Object> data, Options options) {
      Map<String, Object> declared = new LinkedHashMap<>();
      data.forEach(
          (k, v) -> {
            if (model.property(k).isPresent()) {
              declared.put(k, v);
            }
          });
      return super.create(model, declared, options);
    }
  }
}
