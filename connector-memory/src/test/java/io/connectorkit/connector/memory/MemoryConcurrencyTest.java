package io.connectorkit.connector.memory;

import static io.connectorkit.connector.memory.Models.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.UpsertData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MemoryConcurrencyTest {
  private static final int THREADS = 16;
  private static final int CALLS = 1_000;
  private static final int KEYS = 50;

  private MemoryConnector connector;
  private ModelDefinition slot;
  private ExecutorService pool;

  @BeforeEach
  void setUp() {
    connector = Models.connector();
    slot =
        connector.define(
            Models.model(
                "Slot",
                List.of(
                    Models.id("id", PropertyType.NUMBER, 1, false),
                    PropertyDefinition.of("name", PropertyType.STRING)),
                List.of(),
                false));
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  /** Runs {@code task(thread, call)} on every thread, all starting together. */
  private void race(Task task) throws Exception {
    race(CALLS, task);
  }

  private void race(int calls, Task task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < calls; i++) {
                  task.run(thread, i);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get();
    }
  }

  private interface Task {
    void run(int thread, int call);
  }

  @Test
  void updateOrCreateOnOverlappingIdsCreatesOneRecordPerIdAndLosesNoUpdate() throws Exception {
    AtomicInteger created = new AtomicInteger();
    race(
        (thread, call) -> {
          long id = call % KEYS + 1;
          Map<String, Object> patch = row("t" + thread, (long) call);
          UpsertData data = new UpsertData(patch, () -> row("id", id, "t" + thread, (long) call));
          if (connector.updateOrCreate(slot, id, data, Options.NONE).created()) {
            created.incrementAndGet();
          }
        });
    assertThat(created).hasValue(KEYS);
    List<Map<String, Object>> rows = connector.all(slot, Filter.ALL, Options.NONE);
    assertThat(rows).hasSize(KEYS);
    for (Map<String, Object> stored : rows) {
      long id = (Long) stored.get("id");
      long lastCall = CALLS - KEYS + id - 1;
      for (int thread = 0; thread < THREADS; thread++) {
        // Each thread's last patch of this record survives every other thread's patches.
        assertThat(stored).containsEntry("t" + thread, lastCall);
      }
    }
  }

  @Test
  void findOrCreateOnOverlappingFiltersCreatesExactlyOneRecordPerFilter() throws Exception {
    AtomicInteger created = new AtomicInteger();
    race(
        (thread, call) -> {
          String name = "n" + call % KEYS;
          if (connector
              .findOrCreate(
                  slot,
                  Filter.where(Where.eq("name", name)),
                  () -> row("id", (long) (thread * CALLS + call), "name", name),
                  Options.NONE)
              .created()) {
            created.incrementAndGet();
          }
        });
    assertThat(created).hasValue(KEYS);
    for (int k = 0; k < KEYS; k++) {
      assertThat(connector.count(slot, Where.eq("name", "n" + k), Options.NONE)).isEqualTo(1);
    }
  }

  @Test
  void upsertWithWhereAndReplaceOrCreateRacingOnTheSameRecordsCreateEachOnce() throws Exception {
    AtomicInteger created = new AtomicInteger();
    race(
        (thread, call) -> {
          long id = call % KEYS + 1;
          Map<String, Object> record = row("id", id, "name", "s" + id);
          UpsertData data = new UpsertData(record, () -> record);
          boolean wasCreated =
              thread % 2 == 0
                  ? connector.replaceOrCreate(slot, id, data, Options.NONE).created()
                  : connector
                      .upsertWithWhere(slot, Where.eq("name", "s" + id), data, Options.NONE)
                      .created();
          if (wasCreated) {
            created.incrementAndGet();
          }
        });
    assertThat(created).hasValue(KEYS);
    assertThat(connector.count(slot, Where.all(), Options.NONE)).isEqualTo(KEYS);
  }

  @Test
  void readersNeverSeeAConcurrentModificationWhileWritersCreateUpdateAndDelete() throws Exception {
    race(
        CALLS / 4,
        (thread, call) -> {
          long id = (long) thread * CALLS + call + 1;
          switch (thread % 4) {
            case 0 -> connector.create(slot, row("id", id, "name", "w"), Options.NONE);
            case 1 ->
                connector.update(
                    slot, Where.eq("name", "w"), row("seen", (long) call), Options.NONE);
            case 2 ->
                // Deletes what the creator two threads below created so far: the table stays small.
                connector.destroyAll(
                    slot, Where.lte("id", (long) (thread - 2) * CALLS + call + 1), Options.NONE);
            default -> {
              for (Map<String, Object> r : connector.all(slot, Filter.ALL, Options.NONE)) {
                if (!r.containsKey("id")) {
                  throw new AssertionError("row without id: " + r);
                }
              }
            }
          }
        });
    assertThat(connector.count(slot, Where.all(), Options.NONE)).isNotNegative();
  }

  @Test
  void generatedIdsFromManyThreadsAreUniqueAndDense() throws Exception {
    ModelDefinition person = connector.define(Models.person());
    race((thread, call) -> connector.create(person, row("name", "p"), Options.NONE));
    List<Object> ids =
        connector.all(person, Filter.ALL, Options.NONE).stream().map(r -> r.get("id")).toList();
    assertThat(ids).hasSize(THREADS * CALLS).doesNotHaveDuplicates();
    assertThat(ids.get(ids.size() - 1)).isEqualTo((long) THREADS * CALLS);
  }
}
