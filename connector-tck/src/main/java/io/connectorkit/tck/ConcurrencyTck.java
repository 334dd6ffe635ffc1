package io.connectorkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Feature;
import io.connectorkit.core.Options;
import io.connectorkit.core.UpsertData;
import io.connectorkit.core.UpsertResult;
import io.connectorkit.core.dao.Dao;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterBinder;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.ModelValidator;
import io.connectorkit.core.model.ModelValidator.WriteMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * C3 atomicity under concurrency, two-sided on {@link Feature#ATOMIC_UPSERT} and {@link
 * Feature#ATOMIC_FIND_OR_CREATE}: with the feature, {@value #THREADS} threads × {@value #CALLS}
 * calls on the same new id / filter create exactly one record and lose no update; without it, the
 * connector's atomic operation is refused (the DAO's read-then-write emulation is documented as not
 * atomic, so it is not tested for atomicity).
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

  /** Runs {@code call} on every thread {@value #CALLS} times; returns the failures. */
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
                  start.await(10, TimeUnit.SECONDS);
                  for (int i = 0; i < CALLS; i++) {
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

  private static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  @Test
  @Contract(value = "C3", features = Feature.ATOMIC_UPSERT)
  void concurrentUpsertsOfTheSameNewIdCreateOneRecordAndLoseNoUpdate() throws Exception {
    Dao race = define(COUNTER);
    ModelDefinition model = race.model();
    if (!supports(Feature.ATOMIC_UPSERT)) {
      Map<String, Object> data = row("id", 1L, "p0", 1);
      assertUnsupported(
          Feature.ATOMIC_UPSERT,
          () ->
              db.connector()
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
        race((thread, call) -> race.upsert(Map.of("id", 1, "p" + thread, call)));
    assertThat(failures)
        .as(
            "C3: with ATOMIC_UPSERT, %d concurrent upserts of one new id all succeed (first: %s)",
            THREADS * CALLS, firstFailures(failures))
        .isEmpty();
    assertThat(race.count(null))
        .as("C3: concurrent upserts of the same new id create exactly one record")
        .isEqualTo(1);
    Map<String, Object> stored = race.findById(1).orElseThrow();
    for (int t = 0; t < THREADS; t++) {
      assertThat(stored.get("p" + t))
          .as(
              "C3: each thread patched its own property p%d; its last patch (%d) must survive"
                  + " — an upsert lost an update",
              t, CALLS - 1)
          .isEqualTo((long) CALLS - 1);
    }
  }

  @Test
  @Contract(value = "C3", features = Feature.ATOMIC_UPSERT)
  void concurrentReplaceOrCreatesOfTheSameNewIdCreateOneWholeRecord() throws Exception {
    Dao race = define(COUNTER);
    ModelDefinition model = race.model();
    if (!supports(Feature.ATOMIC_UPSERT)) {
      Map<String, Object> data = row("id", 1L, "p0", 1);
      assertUnsupported(
          Feature.ATOMIC_UPSERT,
          () ->
              db.connector()
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
            (thread, call) ->
                race.replaceOrCreate(Map.of("id", 1, "by", thread, "p" + thread, call)));
    assertThat(failures)
        .as(
            "C3: with ATOMIC_UPSERT, concurrent replaceOrCreates of one new id all succeed"
                + " (first: %s)",
            firstFailures(failures))
        .isEmpty();
    assertThat(race.count(null))
        .as("C3: concurrent replaceOrCreates of the same new id create exactly one record")
        .isEqualTo(1);
    Map<String, Object> stored = race.findById(1).orElseThrow();
    long writer = (Long) stored.get("by");
    for (int t = 0; t < THREADS; t++) {
      assertThat(stored.get("p" + t))
          .as(
              "C3: the record is one whole replacement (by thread %d): p%d is %s",
              writer, t, t == writer ? "its last value" : "null")
          .isEqualTo(t == writer ? (Object) ((long) CALLS - 1) : null);
    }
  }

  @Test
  @Contract(value = "C3", features = Feature.ATOMIC_UPSERT)
  void concurrentUpsertWithWheresOfTheSameNewKeyCreateOneRecordAndLoseNoUpdate() throws Exception {
    Dao race = define(COUNTER.replace("\"id\": true}", "\"id\": true, \"generated\": true}"));
    ModelDefinition model = race.model();
    Where sameKey = Where.eq("key", "k");
    if (!supports(Feature.ATOMIC_UPSERT)) {
      Map<String, Object> data = row("key", "k", "p0", 1);
      assertUnsupported(
          Feature.ATOMIC_UPSERT,
          () ->
              db.connector()
                  .upsertWithWhere(
                      model,
                      FilterBinder.bind(sameKey, model),
                      new UpsertData(
                          validated(model, data, WriteMode.PATCH),
                          () -> validated(model, data, WriteMode.CREATE)),
                      Options.NONE));
      return;
    }
    List<Throwable> failures =
        race(
            (thread, call) ->
                race.upsertWithWhere(sameKey, Map.of("key", "k", "p" + thread, call)));
    assertThat(failures)
        .as(
            "C3: with ATOMIC_UPSERT, concurrent upsertWithWheres of one new key all succeed"
                + " (first: %s)",
            firstFailures(failures))
        .isEmpty();
    assertThat(race.count(null))
        .as("C3: concurrent upsertWithWheres matching nothing yet create exactly one record")
        .isEqualTo(1);
    Map<String, Object> stored = race.findOne(Filter.where(sameKey)).orElseThrow();
    for (int t = 0; t < THREADS; t++) {
      assertThat(stored.get("p" + t))
          .as("C3: thread %d's last patch of p%d must survive — an update was lost", t, t)
          .isEqualTo((long) CALLS - 1);
    }
  }

  @Test
  @Contract(value = "C3", features = Feature.ATOMIC_FIND_OR_CREATE)
  void concurrentFindOrCreatesWithTheSameFilterCreateExactlyOnce() throws Exception {
    Dao race = define(COUNTER.replace("\"id\": true}", "\"id\": true, \"generated\": true}"));
    ModelDefinition model = race.model();
    Filter sameKey = Filter.where(Where.eq("key", "k"));
    if (!supports(Feature.ATOMIC_FIND_OR_CREATE)) {
      assertUnsupported(
          Feature.ATOMIC_FIND_OR_CREATE,
          () ->
              db.connector()
                  .findOrCreate(
                      model,
                      FilterBinder.bind(sameKey, model).withPage(1, 0),
                      () -> validated(model, row("key", "k"), WriteMode.CREATE),
                      Options.NONE));
      return;
    }
    AtomicInteger created = new AtomicInteger();
    Set<Object> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Throwable> failures =
        race(
            (thread, call) -> {
              UpsertResult result = race.findOrCreate(sameKey, Map.of("key", "k", "by", thread));
              if (result.created()) {
                created.incrementAndGet();
              }
              ids.add(result.instance().get("id"));
            });
    assertThat(failures)
        .as(
            "C3: with ATOMIC_FIND_OR_CREATE, concurrent findOrCreates all succeed (first: %s)",
            firstFailures(failures))
        .isEmpty();
    assertThat(created.get())
        .as(
            "C3: of %d concurrent findOrCreates with one filter exactly one creates",
            THREADS * CALLS)
        .isEqualTo(1);
    assertThat(race.count(null))
        .as("C3: concurrent findOrCreates with one filter store exactly one record")
        .isEqualTo(1);
    assertThat(new HashSet<>(ids)).as("C3: every findOrCreate returns the one record").hasSize(1);
  }
}
