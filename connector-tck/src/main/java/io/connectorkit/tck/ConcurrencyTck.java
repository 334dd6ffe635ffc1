package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterBinder;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.ModelValidator;
import io.connectorkit.core.model.ModelValidator.WriteMode;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.UpsertData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * C3 atomicity under concurrency, two-sided on {@link Feature#ATOMIC_UPSERT} and {@link
 * Feature#ATOMIC_FIND_OR_CREATE}: with the feature, {@value #THREADS} threads make {@value #CALLS}
 * rounds of calls; in each round they all call at once with the same new id / filter, which must
 * create exactly one record and lose no update (a new id per round gives a race {@value #CALLS}
 * chances to show); without it, the connector's atomic operation is refused (the DAO's
 * read-then-write emulation is documented as not atomic, so it is not tested for atomicity).
 */
public abstract class ConcurrencyTck extends TckSection {
  static final int THREADS = 8;
  static final int CALLS = 100;

  private static final String COUNTER =
      """
      {"name": "TckRace", "forceId": false, "properties": {
        "id": {"type": "number", "id": true},
        "key": "string", "by": "number",
        "p0": "number", "p1": "number", "p2": "number", "p3": "number",
        "p4": "number", "p5": "number", "p6": "number", "p7": "number"}}
      """;

  protected ConcurrencyTck(ConnectorTck tck) {
    super(tck);
  }

  private interface Call {
    void run(int thread, int call) throws Exception;
  }

  /**
   * Runs {@code call(thread, round)} on every thread for {@value #CALLS} rounds, the threads
   * starting each round together; returns the failures.
   */
  private static List<Throwable> race(Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < CALLS; i++) {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                      call.run(thread, i);
                    } catch (Exception | AssertionError e) {
                      failures.add(e);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return List.copyOf(failures);
  }

  private static String firstFailures(List<Throwable> failures) {
    return failures.stream().limit(3).map(String::valueOf).toList().toString();
  }

  private Map<String, Object> validated(
      ModelDefinition model, Map<String, ?> data, WriteMode mode) {
    return ModelValidator.validate(model, data, mode);
  }

  private static Map<String, @Nullable Object> row(@Nullable Object... keyValues) {
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  static final int PARALLEL_CREATES = 200;

  @Test
  @ContractSection("C1.2")
  void parallelCreatesWithoutAnIdAllSucceedWithDistinctIds() throws Exception {
    Dao items =
        define(
            """
            {"name": "TckParallel", "properties": {"name": "string", "by": "number"}}
            """);
    int perThread = PARALLEL_CREATES / THREADS;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    Set<Object> ids = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  for (int i = 0; i < perThread; i++) {
                    try {
                      ids.add(
                          items
                              .create(Map.of("name", "t" + thread + "-" + i, "by", thread))
                              .get("id"));
                    } catch (RuntimeException e) {
                      failures.add(e);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Throwable> failed = List.copyOf(failures);
    assertThat(failed)
        .as(
            "C1.2: %d parallel creates without an id all succeed: id generation must not race"
                + " (e.g. MAX(id)+1 without a lock gives DUPLICATE_KEY) (first: %s)",
            PARALLEL_CREATES, firstFailures(failed))
        .isEmpty();
    assertThat(ids)
        .as("C1.2: each of %d parallel creates got its own id", PARALLEL_CREATES)
        .hasSize(PARALLEL_CREATES)
        .doesNotContainNull();
    assertThat(items.count(Where.all()))
        .as("C1.2: every parallel create stored one record")
        .isEqualTo(PARALLEL_CREATES);
  }

  @Test
  @ContractSection(value = "C3", features = Feature.ATOMIC_UPSERT)
  void concurrentUpsertsOfTheSameNewIdCreateOneRecordAndLoseNoUpdate() throws Exception {
    Dao race = define(COUNTER);
    ModelDefinition model = race.model();
    if (!supports(Feature.ATOMIC_UPSERT)) {
      Map<String, Object> data = row("id", 1L, "p0", 1);
      assertUnsupported(
          Feature.ATOMIC_UPSERT,
          () ->
              db.unwrap(Connector.class)
                  .updateOrCreate(
                      model,
                      1L,
                      new UpsertData(
                          validated(model, data, WriteMode.PATCH),
                          () -> validated(model, data, WriteMode.CREATE)),
                      Options.NONE));
      return;
    }
    List<Throwable> failures =
        race((thread, round) -> race.upsert(Map.of("id", round + 1, "p" + thread, round)));
    assertThat(failures)
        .as(
            "C3: with ATOMIC_UPSERT, concurrent upserts of one new id all succeed (first: %s)",
            firstFailures(failures))
        .isEmpty();
    assertThat(race.count(Where.all()))
        .as("C3: concurrent upserts of the same new id create exactly one record per id")
        .isEqualTo(CALLS);
    for (Map<String, Object> stored : race.find(Filter.ALL)) {
      long round = (Long) idOf(stored) - 1;
      for (int t = 0; t < THREADS; t++) {
        assertThat(stored.get("p" + t))
            .as(
                "C3: thread %d patched its own property p%d of record %s; every patch must"
                    + " survive, else an upsert lost an update",
                t, t, stored.get("id"))
            .isEqualTo(round);
      }
    }
  }

  @Test
  @ContractSection(value = "C3", features = Feature.ATOMIC_UPSERT)
  void concurrentReplaceOrCreatesOfTheSameNewIdCreateOneWholeRecord() throws Exception {
    Dao race = define(COUNTER);
    ModelDefinition model = race.model();
    if (!supports(Feature.ATOMIC_UPSERT)) {
      Map<String, Object> data = row("id", 1L, "p0", 1);
      assertUnsupported(
          Feature.ATOMIC_UPSERT,
          () ->
              db.unwrap(Connector.class)
                  .replaceOrCreate(
                      model,
                      1L,
                      new UpsertData(
                          validated(model, data, WriteMode.REPLACE),
                          () -> validated(model, data, WriteMode.CREATE)),
                      Options.NONE));
      return;
    }
    List<Throwable> failures =
        race(
            (thread, round) ->
                race.replaceOrCreate(Map.of("id", round + 1, "by", thread, "p" + thread, round)));
    assertThat(failures)
        .as(
            "C3: with ATOMIC_UPSERT, concurrent replaceOrCreates of one new id all succeed"
                + " (first: %s)",
            firstFailures(failures))
        .isEmpty();
    assertThat(race.count(Where.all()))
        .as("C3: concurrent replaceOrCreates of the same new id create exactly one record per id")
        .isEqualTo(CALLS);
    for (Map<String, Object> stored : race.find(Filter.ALL)) {
      long round = (Long) idOf(stored) - 1;
      Object by = stored.get("by");
      assertThat(by)
          .as(
              "C3: record %s is one whole replacement: it holds its writer's \"by\"",
              stored.get("id"))
          .isNotNull();
      long writer = (Long) by;
      for (int t = 0; t < THREADS; t++) {
        assertThat(stored.get("p" + t))
            .as(
                "C3: record %s is one whole replacement (by thread %d): p%d is %s",
                stored.get("id"), writer, t, t == writer ? "its value" : "null")
            .isEqualTo(t == writer ? (Object) round : null);
      }
    }
  }

  @Test
  @ContractSection(value = "C3", features = Feature.ATOMIC_UPSERT)
  void concurrentUpsertWithWheresOfTheSameNewKeyCreateOneRecordAndLoseNoUpdate() throws Exception {
    Dao race = define(COUNTER.replace("\"id\": true}", "\"id\": true, \"generated\": true}"));
    ModelDefinition model = race.model();
    if (!supports(Feature.ATOMIC_UPSERT)) {
      Map<String, Object> data = row("key", "k0", "p0", 1);
      assertUnsupported(
          Feature.ATOMIC_UPSERT,
          () ->
              db.unwrap(Connector.class)
                  .upsertWithWhere(
                      model,
                      FilterBinder.bind(Where.eq("key", "k0"), model),
                      new UpsertData(
                          validated(model, data, WriteMode.PATCH),
                          () -> validated(model, data, WriteMode.CREATE)),
                      Options.NONE));
      return;
    }
    List<Throwable> failures =
        race(
            (thread, round) ->
                race.upsertWithWhere(
                    Where.eq("key", "k" + round), Map.of("key", "k" + round, "p" + thread, round)));
    assertThat(failures)
        .as(
            "C3: with ATOMIC_UPSERT, concurrent upsertWithWheres of one new key all succeed"
                + " (first: %s)",
            firstFailures(failures))
        .isEmpty();
    assertThat(race.count(Where.all()))
        .as("C3: concurrent upsertWithWheres matching nothing yet create exactly one record each")
        .isEqualTo(CALLS);
    for (Map<String, Object> stored : race.find(Filter.ALL)) {
      Object key = stored.get("key");
      assertThat(key)
          .as(
              "C3: record %s created by upsertWithWhere holds the key it was created with",
              stored.get("id"))
          .isNotNull();
      long round = Long.parseLong(((String) key).substring(1));
      for (int t = 0; t < THREADS; t++) {
        assertThat(stored.get("p" + t))
            .as(
                "C3: thread %d's patch of p%d of %s must survive, else an update was lost",
                t, t, stored.get("key"))
            .isEqualTo(round);
      }
    }
  }

  @Test
  @ContractSection(value = "C3", features = Feature.ATOMIC_FIND_OR_CREATE)
  void concurrentFindOrCreatesWithTheSameFilterCreateExactlyOnce() throws Exception {
    Dao race = define(COUNTER.replace("\"id\": true}", "\"id\": true, \"generated\": true}"));
    ModelDefinition model = race.model();
    if (!supports(Feature.ATOMIC_FIND_OR_CREATE)) {
      assertUnsupported(
          Feature.ATOMIC_FIND_OR_CREATE,
          () ->
              db.unwrap(Connector.class)
                  .findOrCreate(
                      model,
                      FilterBinder.bind(Filter.where(Where.eq("key", "k0")), model).withPage(1, 0),
                      () -> validated(model, row("key", "k0"), WriteMode.CREATE),
                      Options.NONE));
      return;
    }
    AtomicInteger created = new AtomicInteger();
    Map<Integer, Set<Object>> ids = new ConcurrentHashMap<>();
    List<Throwable> failures =
        race(
            (thread, round) -> {
              UpsertResult result =
                  race.findOrCreate(
                      Filter.where(Where.eq("key", "k" + round)),
                      Map.of("key", "k" + round, "by", thread));
              if (result.created()) {
                created.incrementAndGet();
              }
              ids.computeIfAbsent(round, ignored -> ConcurrentHashMap.newKeySet())
                  .add(result.instance().get("id"));
            });
    assertThat(failures)
        .as(
            "C3: with ATOMIC_FIND_OR_CREATE, concurrent findOrCreates all succeed (first: %s)",
            firstFailures(failures))
        .isEmpty();
    assertThat(created.get())
        .as(
            "C3: in each of %d rounds of %d concurrent findOrCreates with one filter, exactly one"
                + " creates",
            CALLS, THREADS)
        .isEqualTo(CALLS);
    assertThat(race.count(Where.all()))
        .as("C3: concurrent findOrCreates with one filter store exactly one record")
        .isEqualTo(CALLS);
    assertThat(ids.values())
        .as("C3: every findOrCreate of a round returns the one record")
        .allSatisfy(sameRecord -> assertThat(sameRecord).hasSize(1));
  }
}
