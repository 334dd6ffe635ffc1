package io.connectorkit.connector.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.FilterParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile filter, model and datasource JSON against the full pipeline on the memory connector
 * (docs/reliability.md): every outcome is a result or a {@link ConnectorException} with one of the
 * contract's codes (C5), within a bounded time, never another exception or error. The figures of
 * each run go to {@code target/fuzz-report.txt}.
 */
class HostileInputFuzzTest {
  /** One request may take this long on a loaded, shared machine; runaway ones take minutes. */
  private static final long BOUND_MILLIS = 2_000;

  private static final Map<String, AtomicLong> OUTCOMES =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private static final AtomicLong SLOWEST = new AtomicLong();

  private static DataSource db;
  private static Dao people;

  @BeforeContainer
  static void open() {
    db = DataSources.create("fuzz", Map.of("connector", "memory"));
    db.define(
        """
        {"name": "Person", "properties": {"name": "string", "age": "number",
          "born": "date", "tags": ["string"], "extra": "any",
          "address": {"type": "object"}}}""");
    people = db.dao("Person");
    for (int i = 0; i < 20; i++) {
      people.create(
          Map.of(
              "name",
              "a".repeat(i * 2) + "b",
              "age",
              i,
              "born",
              "2000-01-0" + (i % 9 + 1),
              "tags",
              List.of("t" + i),
              "address",
              Map.of("city", "c" + i)));
    }
  }

  @AfterContainer
  static void report() throws IOException {
    db.close();
    StringBuilder report = new StringBuilder("HostileInputFuzzTest outcomes\n");
    long total = 0;
    synchronized (OUTCOMES) {
      for (Map.Entry<String, AtomicLong> entry : OUTCOMES.entrySet()) {
        report.append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
        total += entry.getValue().get();
      }
    }
    report.append("total: ").append(total).append('\n');
    report.append("slowest ms: ").append(SLOWEST.get()).append('\n');
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "fuzz-report.txt"), report);
    System.out.print(report);
  }

  /** Runs one request and checks its outcome is a result or a contract error, in bounded time. */
  private static void attempt(String kind, Supplier<?> request) {
    long start = System.nanoTime();
    String outcome;
    try {
      request.get();
      outcome = "result";
    } catch (ConnectorException e) {
      assertThat(e.code()).isIn((Object[]) ErrorCode.values());
      assertThat(e.getMessage()).isNotBlank();
      outcome = e.code().name();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    SLOWEST.accumulateAndGet(millis, Math::max);
    assertThat(millis).as("%s took %d ms", kind, millis).isLessThan(BOUND_MILLIS);
    OUTCOMES.computeIfAbsent(kind + " " + outcome, k -> new AtomicLong()).incrementAndGet();
  }

  // ------------------------------------------------------------------ filters

  @Property(tries = 1500)
  void everyFilterIsAResultOrAContractError(@ForAll("filters") Object filter) {
    attempt("filter", () -> people.find(FilterParser.parse(filter)));
  }

  @Property(tries = 300)
  void everyFilterAsJsonTextIsAResultOrAContractError(@ForAll("jsonText") String filter) {
    attempt("filter-text", () -> people.find(FilterParser.parse(filter)));
  }

  @Provide
  Arbitrary<Object> filters() {
    Arbitrary<Object> where = json(4);
    return Combinators.combine(
            where,
            scalar(),
            scalar(),
            Arbitraries.of(
                "where", "limit", "skip", "order", "fields", "include", "offset", "bogus"))
        .as(
            (w, a, b, key) -> {
              Map<String, Object> filter = new LinkedHashMap<>();
              filter.put("where", w);
              filter.put(key, a);
              filter.put(key.equals("where") ? "limit" : "skip", b);
              return (Object) filter;
            });
  }

  @Provide
  Arbitrary<String> jsonText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.of(
            "{\"limit\": 1e400}",
            "{\"limit\": -1e400}",
            "{\"skip\": 1e999999999}",
            "{\"where\": {\"name\": {\"like\": \"" + "%".repeat(20_000) + "\"}}}",
            "{\"where\": " + "{\"and\": [".repeat(5_000) + "{}" + "]}".repeat(5_000) + "}",
            "[".repeat(100_000),
            "{\"where\": {\"name\": {\"regexp\": \"(.*a){12}$\"}}}",
            "{\"where\": {\"name\": {\"regexp\": \"" + "(".repeat(30_000) + "\"}}}",
            "{\"where\": {\"name\": {\"ilike\": \"" + "%a".repeat(14) + "%c\"}}}",
            "{\"where\": {\"age\": {\"inq\": [" + "1,".repeat(100_000) + "1]}}}",
            "{\"where\": {\"born\": \"0000-01-01\"}}",
            "{\"where\": {\"name\": \"\\u0000\"}}",
            "{\"order\": \"" + "name,".repeat(10_000) + "\"}"));
  }

  // ------------------------------------------------------------------ writes

  @Property(tries = 800)
  void everyWriteIsAResultOrAContractError(@ForAll("records") Object data) {
    if (data instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> record = (Map<String, Object>) map;
      attempt("create", () -> people.create(record));
    } else {
      attempt("create", () -> people.create(Map.of("extra", data == null ? "" : data)));
    }
  }

  @Provide
  Arbitrary<Object> records() {
    return Arbitraries.oneOf(json(3), deepValue());
  }

  @Example
  void aValueNestedTenThousandDeepIsValidationFailedNamingTheProperty() {
    Object deep = "leaf";
    for (int i = 0; i < 10_000; i++) {
      deep = List.of(deep);
    }
    Object value = deep;
    ConnectorException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConnectorException.class, () -> people.create(Map.of("extra", value)));
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.getMessage()).contains("extra").contains("nested deeper than");
  }

  // ------------------------------------------------------------------ models and datasources

  @Property(tries = 500)
  void everyModelDefinitionIsDefinedOrAContractError(@ForAll("models") Object model) {
    DataSource scratch = DataSources.create("fuzz-model", Map.of("connector", "memory"));
    try {
      attempt("model", () -> scratch.define(model instanceof String text ? text : toJson(model)));
    } finally {
      scratch.close();
    }
  }

  private static String toJson(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<Object> models() {
    Arbitrary<Object> properties =
        Arbitraries.maps(
                Arbitraries.oneOf(
                    Arbitraries.strings().ofMaxLength(12), Arbitraries.of("id", "", "$x", "a.b")),
                Arbitraries.oneOf(
                    Arbitraries.of(
                        (Object) "string", "number", "date", "boolean", "any", "object", "bogus"),
                    json(2)))
            .ofMaxSize(5)
            .map(m -> (Object) m);
    return Arbitraries.oneOf(
        Combinators.combine(
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(10), Arbitraries.just("M")),
                properties,
                scalar())
            .as(
                (name, props, strict) -> {
                  Map<String, Object> model = new LinkedHashMap<>();
                  model.put("name", name);
                  model.put("properties", props);
                  model.put("strict", strict);
                  return (Object) model;
                }),
        Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
        json(3));
  }

  @Property(tries = 300)
  void everyDatasourceIsCreatedOrAContractError(@ForAll("datasources") Map<String, Object> json) {
    attempt(
        "datasource",
        () -> {
          DataSource created = DataSources.create("fuzz-ds", json);
          created.close();
          return created;
        });
  }

  @Provide
  Arbitrary<Map<String, Object>> datasources() {
    return Arbitraries.maps(
            Arbitraries.of(
                "connector",
                "file",
                "lazyConnect",
                "connectionTimeout",
                "queryTimeout",
                "localStorage",
                "bogus",
                "url",
                "debug"),
            Arbitraries.oneOf(scalar(), Arbitraries.of((Object) "memory", "mysql", "nope")))
        .ofMaxSize(4)
        .map(
            m -> {
              Map<String, Object> settings = new LinkedHashMap<>(m);
              // Never write outside the build directory, whatever "file" was drawn.
              settings.remove("file");
              settings.remove("localStorage");
              return settings;
            });
  }

  // ------------------------------------------------------------------ JSON shapes

  private static final List<String> KEYS =
      List.of(
          "name",
          "age",
          "born",
          "tags",
          "extra",
          "address.city",
          "and",
          "or",
          "eq",
          "neq",
          "gt",
          "gte",
          "lt",
          "lte",
          "between",
          "inq",
          "nin",
          "like",
          "nlike",
          "ilike",
          "nilike",
          "regexp",
          "exists",
          "near",
          "$where",
          "0",
          "1",
          "__proto__");

  private static Arbitrary<Object> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(true, false),
        Arbitraries.longs().map(n -> (Object) n),
        Arbitraries.doubles().map(n -> (Object) n),
        Arbitraries.of(
            (Object) Double.NaN,
            Double.POSITIVE_INFINITY,
            new java.math.BigDecimal("1e400"),
            new java.math.BigInteger("1".repeat(40)),
            "1e400",
            "0000-01-01",
            "2020-02-30",
            "\u0000",
            "%_\\",
            "%a%a%a%a%a%a%a%a%a%a%a%a%a%a%b",
            "(.*a){12}$",
            "/(a+)+$/i",
            "/x/q",
            "[",
            "a".repeat(41)),
        Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s));
  }

  private static Arbitrary<Object> json(int depth) {
    if (depth == 0) {
      return scalar();
    }
    Arbitrary<Object> child = Arbitraries.lazy(() -> json(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalar()),
        net.jqwik.api.Tuple.of(
            3,
            Arbitraries.maps(
                    Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(6)),
                    child)
                .ofMaxSize(3)
                .map(m -> (Object) m)),
        net.jqwik.api.Tuple.of(2, child.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l))));
  }

  private static Arbitrary<Object> deepValue() {
    return Arbitraries.integers()
        .between(50, 20_000)
        .map(
            depth -> {
              Object value = 1;
              for (int i = 0; i < depth; i++) {
                value = i % 2 == 0 ? List.of(value) : Map.of("k", value);
              }
              return value;
            });
  }
}
