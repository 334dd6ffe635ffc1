package io.connectorkit.tck.mutants;

import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.core.spi.UpsertData;
import io.connectorkit.tck.mutants.Mutants.Mutant;
import io.connectorkit.tck.mutants.Mutants.ValueRewriting;
import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The realistic one-rule breakages that issue 15 found the TCK letting through, one mutant per bug
 * class (several where the class has distinct shapes). Each must fail at least one TCK test.
 */
final class BugClassMutants {
  private BugClassMutants() {}

  static List<Mutant> all() {
    return List.of(
        // C2 string storage
        new Mutant(
            "strings: CRLF normalised to LF",
            List.of("types"),
            c ->
                new ValueRewriting(
                    c,
                    v -> v instanceof String s ? s.replace("\r\n", "\n") : v,
                    UnaryOperator.identity())),
        new Mutant(
            "strings: Unicode NFC applied",
            List.of("types"),
            c ->
                new ValueRewriting(
                    c,
                    v -> v instanceof String s ? Normalizer.normalize(s, Normalizer.Form.NFC) : v,
                    UnaryOperator.identity())),
        new Mutant(
            "strings: truncated at 64 K (a TEXT column)",
            List.of("types"),
            c ->
                new ValueRewriting(
                    c,
                    v -> v instanceof String s && s.length() > 65_535 ? s.substring(0, 65_535) : v,
                    UnaryOperator.identity())),
        // C2 any values
        new Mutant(
            "any: types guessed on read (\"42\" → 42, \"2020-01-01\" → a date)",
            List.of("types"),
            c -> new ValueRewriting(c, UnaryOperator.identity(), BugClassMutants::guessType)),
        // C1.2, C5 concurrent plain creates
        new Mutant("ids: MAX(id)+1 without a lock", List.of("concurrency"), MaxPlusOneIds::new),
        // C1.2 id sequences per model
        new Mutant("ids: one sequence shared by all models", List.of("crud"), SharedSequence::new),
        // C3 findOrCreate and order
        new Mutant(
            "findOrCreate ignores the filter's order",
            List.of("upsert"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public UpsertResult findOrCreate(
                      ModelDefinition model,
                      Filter filter,
                      Supplier<Map<String, Object>> data,
                      Options options) {
                    Filter unordered = filter == null ? null : filter.withOrder(List.of());
                    return super.findOrCreate(model, unordered, data, options);
                  }
                }),
        // C8 writes outside the transaction
        new Mutant(
            "transactions: replaceById ignores the transaction",
            List.of("transactions"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Map<String, Object> replaceById(
                      ModelDefinition model, Object id, Map<String, Object> data, Options o) {
                    return super.replaceById(model, id, data, Options.NONE);
                  }
                }),
        new Mutant(
            "transactions: upsert and replaceOrCreate ignore the transaction",
            List.of("transactions"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public UpsertResult updateOrCreate(
                      ModelDefinition model, Object id, UpsertData data, Options o) {
                    return super.updateOrCreate(model, id, data, Options.NONE);
                  }

                  @Override
                  public UpsertResult replaceOrCreate(
                      ModelDefinition model, Object id, UpsertData data, Options o) {
                    return super.replaceOrCreate(model, id, data, Options.NONE);
                  }
                }),
        new Mutant(
            "transactions: upsertWithWhere ignores the transaction",
            List.of("transactions"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public UpsertResult upsertWithWhere(
                      ModelDefinition model, Where where, UpsertData data, Options o) {
                    return super.upsertWithWhere(model, where, data, Options.NONE);
                  }
                }),
        new Mutant(
            "transactions: create([...]) ignores the transaction",
            List.of("transactions"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public List<Map<String, Object>> createAll(
                      ModelDefinition model, List<Map<String, Object>> data, Options o) {
                    return super.createAll(model, data, Options.NONE);
                  }
                }),
        new Mutant(
            "transactions: findOrCreate ignores the transaction",
            List.of("transactions"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public UpsertResult findOrCreate(
                      ModelDefinition model,
                      Filter filter,
                      Supplier<Map<String, Object>> data,
                      Options o) {
                    return super.findOrCreate(model, filter, data, Options.NONE);
                  }
                }),
        // C8 SERIALIZABLE as snapshot isolation
        new Mutant(
            "transactions: SERIALIZABLE runs as snapshot isolation (write skew commits)",
            List.of("transactions"),
            c ->
                new ForwardingConnector(c) {
                  @Override
                  public Transaction beginTransaction(IsolationLevel isolation, Duration timeout) {
                    IsolationLevel actual =
                        isolation == IsolationLevel.SERIALIZABLE
                            ? IsolationLevel.REPEATABLE_READ
                            : isolation;
                    return new ForwardingTransaction(
                        this, delegate.beginTransaction(actual, timeout), isolation, timeout);
                  }
                }),
        // C6 ping after disconnect
        new Mutant("ping answers false after disconnect", List.of("lifecycle"), PingFalse::new),
        // C9 after execute on failure
        new Mutant(
            "after execute skipped when the native call fails",
            List.of("hooks"),
            c -> {
              ForwardingConnector skipping = new ForwardingConnector(c);
              c.removeExecuteListener(skipping.relay);
              c.addExecuteListener(
                  new ExecuteListener() {
                    @Override
                    public void beforeExecute(ExecuteContext context) {
                      skipping.relay.beforeExecute(context);
                    }

                    @Override
                    public void afterExecute(ExecuteContext context) {
                      if (context.error() == null) {
                        skipping.relay.afterExecute(context);
                      }
                    }
                  });
              return skipping;
            }));
  }

  /** What a connector that "helpfully" types JSON strings on read would return. */
  static Object guessType(Object value) {
    if (value instanceof String s) {
      if (s.matches("-?\\d{1,18}")) {
        return Long.parseLong(s);
      }
      if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> typed = new LinkedHashMap<>();
      map.forEach((k, v) -> typed.put(k, guessType(v)));
      return typed;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(BugClassMutants::guessType).toList();
    }
    return value;
  }

  /** The generated number id of a model, or null when it has none. */
  static String generatedNumberId(ModelDefinition model) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.size() == 1 && ids.get(0).type() == PropertyType.NUMBER) {
      return ids.get(0).name();
    }
    return null;
  }

  /** Ids as MAX(id)+1, read without a lock: parallel creates collide. */
  static final class MaxPlusOneIds extends ForwardingConnector {
    MaxPlusOneIds(Connector delegate) {
      super(delegate);
    }

    @Override
    public Map<String, Object> create(
        ModelDefinition model, Map<String, Object> data, Options options) {
      String id = generatedNumberId(model);
      if (id == null || data.get(id) != null) {
        return super.create(model, data, options);
      }
      long max = 0;
      for (Map<String, Object> row : super.all(model, Filter.builder().build(), options)) {
        if (row.get(id) instanceof Number n) {
          max = Math.max(max, n.longValue());
        }
      }
      Mutants.window();
      Map<String, Object> withId = new LinkedHashMap<>(data);
      withId.put(id, max + 1);
      return super.create(model, withId, options);
    }
  }

  /** One id counter for every model of the datasource. */
  static final class SharedSequence extends ForwardingConnector {
    private final AtomicLong next = new AtomicLong();

    SharedSequence(Connector delegate) {
      super(delegate);
    }

    @Override
    public Map<String, Object> create(
        ModelDefinition model, Map<String, Object> data, Options options) {
      String id = generatedNumberId(model);
      if (id == null || data.get(id) != null) {
        return super.create(model, data, options);
      }
      Map<String, Object> withId = new LinkedHashMap<>(data);
      withId.put(id, next.incrementAndGet());
      return super.create(model, withId, options);
    }
  }

  /** Answers false instead of connecting again once disconnected. */
  static final class PingFalse extends ForwardingConnector {
    private volatile boolean disconnected;

    PingFalse(Connector delegate) {
      super(delegate);
    }

    @Override
    protected void doConnect() {
      super.doConnect();
      disconnected = false;
    }

    @Override
    protected void doDisconnect() {
      disconnected = true;
      super.doDisconnect();
    }

    @Override
    public boolean ping() {
      return !disconnected && super.ping();
    }
  }
}
