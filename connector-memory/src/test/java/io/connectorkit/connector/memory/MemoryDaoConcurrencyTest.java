package io.connectorkit.connector.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 2's concurrency bar, through the DAO: many threads, overlapping ids, nothing lost. */
class MemoryDaoConcurrencyTest {
  private static final int THREADS = 16;
  private static final int CALLS = 1_000;
  private static final int IDS = 50;

  private DataSource db;
  private Dao counters;
  private ExecutorService pool;

  @BeforeEach
  void setUp() {
    db = DataSources.create("db", Map.of("connector", "memory"));
    db.define(
        """
        {"name": "Counter", "forceId": false,
         "properties": {"id": {"type": "number", "id": true},
                        "key": {"type": "string", "index": {"unique": true}},
                        "hits": "number", "by": "number"}}
        """);
    counters = db.dao("Counter");
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    db.close();
  }

  private void runConcurrently(Callable<Void> perThread) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Void>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return perThread.call();
              }));
    }
    start.countDown();
    for (Future<Void> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void concurrentUpsertsOnOverlappingIdsLeaveOneRecordPerId() throws Exception {
    AtomicInteger thread = new AtomicInteger();

    runConcurrently(
        () -> {
          int me = thread.getAndIncrement();
          for (int i = 0; i < CALLS; i++) {
            counters.upsert(Map.of("id", i % IDS + 1, "by", me));
          }
          return null;
        });

    assertThat(counters.count(null)).isEqualTo(IDS);
    assertThat(counters.find(Filter.ALL))
        .extracting(row -> row.get("id"))
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, IDS).boxed().toList());
  }

  @Test
  void concurrentFindOrCreateOnOverlappingKeysCreatesEachOnce() throws Exception {
    AtomicInteger created = new AtomicInteger();

    runConcurrently(
        () -> {
          for (int i = 0; i < CALLS; i++) {
            String key = "k" + (i % IDS);
            if (counters
                .findOrCreate(
                    Filter.where(Where.eq("key", key)), Map.of("id", i % IDS + 1, "key", key))
                .created()) {
              created.incrementAndGet();
            }
          }
          return null;
        });

    assertThat(created.get()).isEqualTo(IDS);
    assertThat(counters.count(null)).isEqualTo(IDS);
  }

  @Test
  void serializableIncrementsThroughUpdateAllLoseNoUpdate() throws Exception {
    counters.create(Map.of("id", 1, "key", "total", "hits", 0));
    int perThread = CALLS;
    AtomicInteger retries = new AtomicInteger();

    runConcurrently(
        () -> {
          for (int i = 0; i < perThread; i++) {
            while (!incrementOnce()) {
              retries.incrementAndGet();
            }
          }
          return null;
        });

    assertThat(counters.findById(1).orElseThrow())
        .containsEntry("hits", (long) THREADS * perThread);
  }

  /** One read-modify-write in a SERIALIZABLE transaction; false when it lost a conflict. */
  private boolean incrementOnce() {
    try (Transaction tx = db.beginTransaction(IsolationLevel.SERIALIZABLE)) {
      Options options = Options.of(tx);
      long hits = (Long) counters.findById(1, null, options).orElseThrow().get("hits");
      counters.updateAll(Where.eq("id", 1), Map.of("hits", hits + 1), options);
      tx.commit();
      return true;
    } catch (ConnectorException e) {
      if (e.code() == ErrorCode.BACKEND_ERROR && e.getMessage().contains("serialization failure")) {
        return false;
      }
      throw e;
    }
  }
}
