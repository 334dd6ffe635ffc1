package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * C8 transactions. Every test is two-sided on {@link Feature#TRANSACTIONS}: without the feature,
 * {@code beginTransaction} must fail with {@code UNSUPPORTED_OPERATION}.
 */
public abstract class TransactionsTck extends TckSection {
  private static final String ITEM =
      """
      {"name": "TckTxItem", "properties": {
        "id": {"type": "number", "id": true, "generated": true},
        "name": "string", "qty": "number"}}
      """;

  private static final String OPEN_ITEM =
      """
      {"name": "TckTxOpen", "forceId": false, "properties": {
        "id": {"type": "number", "id": true},
        "name": "string", "qty": "number"}}
      """;

  private static final String ON_CALL =
      """
      {"name": "TckOnCall", "forceId": false, "properties": {
        "id": {"type": "number", "id": true},
        "name": "string", "onCall": "boolean"}}
      """;

  private static final String INDEXED_ITEM =
      """
      {"name": "TckTxIndexed", "properties": {
        "id": {"type": "number", "id": true, "generated": true},
        "name": "string", "qty": "number", "city": {"type": "string", "index": true}},
        "indexes": {"tck_tx_city_qty": {"keys": {"city": 1, "qty": 1}}}}
      """;

  private final ConnectorTck tck;

  protected TransactionsTck(ConnectorTck tck) {
    super(tck);
    this.tck = tck;
  }

  /**
   * Begins a transaction when the connector declares {@link Feature#TRANSACTIONS}; otherwise checks
   * that {@code beginTransaction} is refused (C7) and returns null, ending the test.
   */
  private @Nullable Transaction begin(IsolationLevel isolation, @Nullable Duration timeout) {
    if (!supports(Feature.TRANSACTIONS)) {
      assertUnsupported(Feature.TRANSACTIONS, () -> db.beginTransaction(isolation, timeout));
      return null;
    }
    return db.beginTransaction(isolation, timeout);
  }

  private @Nullable Transaction begin() {
    return begin(IsolationLevel.READ_COMMITTED, null);
  }

  private static Map<String, Object> item(String name, int qty) {
    return Map.of("name", name, "qty", qty);
  }

  private static List<Object> names(List<Map<String, Object>> rows) {
    List<Object> names = new ArrayList<>();
    rows.forEach(row -> names.add(row.get("name")));
    return names;
  }

  private static Filter byId() {
    return Filter.builder().order("id ASC").build();
  }

  @ParameterizedTest
  @EnumSource(IsolationLevel.class)
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void beginWithEachIsolationLevelGivesThatLevelOrUnsupportedOperation(IsolationLevel level) {
    Dao items = define(ITEM);
    if (!supports(Feature.TRANSACTIONS)) {
      assertUnsupported(Feature.TRANSACTIONS, () -> db.beginTransaction(level));
      return;
    }
    Transaction tx;
    try {
      tx = db.beginTransaction(level);
    } catch (ConnectorException e) {
      assertThat(level)
          .as("C8: READ_COMMITTED is the default level; a TRANSACTIONS connector must offer it")
          .isNotEqualTo(IsolationLevel.READ_COMMITTED);
      assertThat(e.code())
          .as("C8: a level the backend lacks fails with UNSUPPORTED_OPERATION (%s)", e.getMessage())
          .isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
      return;
    }
    try (tx) {
      assertThat(tx.isolation())
          .as("C8: the transaction runs at the level asked for, never silently another")
          .isEqualTo(level);
      assertThat(tx.isActive()).as("C8: a new transaction is active").isTrue();
      items.create(item("a", 1), Options.of(tx));
      tx.commit();
    }
    assertThat(names(items.find(Filter.ALL)))
        .as("C8: work committed at %s is visible after commit", level)
        .containsExactly("a");
  }

  // A connector may answer equalities on indexed properties from an index (memory's hash indexes
  // do); a transaction's writes must reach that index inside the transaction and leave no trace
  // in it once rolled back, or an indexed read answers what a scan would not.
  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void indexedReadsSeeATransactionsWritesInsideItAndNoneAfterItsRollback() {
    Dao items = define(INDEXED_ITEM);
    Object oslo = idOf(items.create(Map.of("name", "a", "qty", 1, "city", "Oslo")));
    Object bergen = idOf(items.create(Map.of("name", "b", "qty", 2, "city", "Bergen")));
    Transaction tx = begin();
    if (tx == null) {
      return;
    }
    try (tx) {
      Options in = Options.of(tx);
      items.updateById(oslo, Map.of("city", "Bergen", "qty", 2), in);
      items.deleteById(bergen, in);
      items.create(Map.of("name", "c", "qty", 3, "city", "Oslo"), in);
      assertThat(names(items.find(cityFilter("Bergen"), in)))
          .as("C8: inside the transaction, {city: Bergen} sees its own update and delete")
          .containsExactly("a");
      assertThat(names(items.find(cityAndQty("Bergen", 2), in)))
          .as("C8: inside the transaction, {city: Bergen, qty: 2} (a composite index) sees them")
          .containsExactly("a");
      assertThat(names(items.find(cityFilter("Oslo"), in)))
          .as("C8: inside the transaction, {city: Oslo} sees its own create, not the moved row")
          .containsExactly("c");
      tx.rollback();
    }
    assertThat(names(items.find(cityFilter("Oslo"))))
        .as(
            "C8: after rollback, {city: Oslo} matches the row as committed, not the rolled-back one")
        .containsExactly("a");
    assertThat(names(items.find(cityAndQty("Bergen", 2))))
        .as("C8: after rollback, {city: Bergen, qty: 2} matches the row whose delete was undone")
        .containsExactly("b");
    assertThat(items.count(Where.eq("city", "Bergen")))
        .as("C8: after rollback, count({city: Bergen}) is 1")
        .isEqualTo(1);
  }

  private static Filter cityFilter(String city) {
    return Filter.builder().where(Where.eq("city", city)).order("id ASC").build();
  }

  private static Filter cityAndQty(String city, int qty) {
    return Filter.builder()
        .where(Where.and(Where.eq("city", city), Where.eq("qty", qty)))
        .order("id ASC")
        .build();
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void defaultIsolationLevelIsReadCommitted() {
    if (!supports(Feature.TRANSACTIONS)) {
      assertUnsupported(Feature.TRANSACTIONS, () -> db.beginTransaction());
      return;
    }
    try (Transaction tx = db.beginTransaction()) {
      assertThat(tx.isolation())
          .as("C8: beginTransaction() without a level is READ_COMMITTED")
          .isEqualTo(IsolationLevel.READ_COMMITTED);
    }
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void uncommittedWorkIsInvisibleOutsideTheTransaction() {
    Dao items = define(ITEM);
    Map<String, Object> kept = items.create(item("kept", 1));
    Map<String, Object> changed = items.create(item("changed", 1));
    Map<String, Object> deleted = items.create(item("deleted", 1));
    Transaction tx = begin();
    if (tx == null) {
      return;
    }
    try (tx) {
      Options in = Options.of(tx);
      items.create(item("new", 1), in);
      items.updateById(idOf(changed), Map.of("qty", 2), in);
      items.deleteById(idOf(deleted), in);

      assertThat(names(items.find(byId())))
          .as("C8: work is invisible outside the transaction until commit (find)")
          .containsExactly("kept", "changed", "deleted");
      assertThat(items.count(Where.all()))
          .as("C8: work is invisible outside the transaction until commit (count)")
          .isEqualTo(3);
      assertThat(items.count(Where.eq("name", "new")))
          .as("C8: a row created in an uncommitted transaction is not counted outside it")
          .isZero();
      assertThat(items.findById(idOf(changed)))
          .as("C8: an uncommitted update is invisible outside (findById)")
          .hasValueSatisfying(row -> assertThat(row.get("qty")).isEqualTo(1L));
      assertThat(items.findById(idOf(deleted)))
          .as("C8: an uncommitted delete is invisible outside (findById)")
          .isPresent();
      assertThat(items.exists(idOf(kept))).isTrue();
    }
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void committedWorkIsVisibleAfterCommit() {
    Dao items = define(ITEM);
    Map<String, Object> changed = items.create(item("changed", 1));
    Map<String, Object> deleted = items.create(item("deleted", 1));
    Transaction tx = begin();
    if (tx == null) {
      return;
    }
    Options in = Options.of(tx);
    items.create(item("new", 1), in);
    items.updateById(idOf(changed), Map.of("qty", 2), in);
    items.deleteById(idOf(deleted), in);
    tx.commit();

    assertThat(tx.state()).isEqualTo(Transaction.State.COMMITTED);
    assertThat(names(items.find(byId())))
        .as("C8: committed creates and deletes are visible outside")
        .containsExactly("changed", "new");
    assertThat(items.findById(idOf(changed)))
        .as("C8: a committed update is visible outside")
        .hasValueSatisfying(row -> assertThat(row.get("qty")).isEqualTo(2L));
    assertThat(items.count(Where.all())).as("C8: count after commit").isEqualTo(2);
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void rollbackDiscardsCreatesUpdatesAndDeletes() {
    Dao items = define(ITEM);
    Map<String, Object> changed = items.create(item("changed", 1));
    Map<String, Object> deleted = items.create(item("deleted", 1));
    Transaction tx = begin();
    if (tx == null) {
      return;
    }
    Options in = Options.of(tx);
    items.create(item("new", 1), in);
    items.updateById(idOf(changed), Map.of("qty", 2), in);
    items.updateAll(Where.eq("name", "deleted"), Map.of("qty", 5), in);
    items.deleteById(idOf(deleted), in);
    tx.rollback();

    assertThat(tx.state()).isEqualTo(Transaction.State.ROLLED_BACK);
    assertThat(items.find(byId()))
        .as("C8: rollback discards the transaction's creates, updates and deletes")
        .extracting(row -> row.get("name") + "=" + row.get("qty"))
        .containsExactly("changed=1", "deleted=1");
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void aTransactionReadsItsOwnWrites() {
    Dao items = define(ITEM);
    Map<String, Object> changed = items.create(item("changed", 1));
    Map<String, Object> deleted = items.create(item("deleted", 1));
    Transaction tx = begin();
    if (tx == null) {
      return;
    }
    try (tx) {
      Options in = Options.of(tx);
      Map<String, Object> created = items.create(item("new", 7), in);
      items.updateById(idOf(changed), Map.of("qty", 2), in);
      items.deleteById(idOf(deleted), in);

      assertThat(names(items.find(byId(), in)))
          .as("C8: a transaction sees its own creates and deletes (find)")
          .containsExactly("changed", "new");
      assertThat(items.count(null, in)).as("C8: a transaction counts its own writes").isEqualTo(2);
      assertThat(items.findById(idOf(created), null, in))
          .as("C8: a transaction finds its own new row by id")
          .hasValueSatisfying(row -> assertThat(row.get("qty")).isEqualTo(7L));
      assertThat(items.findById(idOf(changed), null, in))
          .as("C8: a transaction sees its own update")
          .hasValueSatisfying(row -> assertThat(row.get("qty")).isEqualTo(2L));
      assertThat(items.findById(idOf(deleted), null, in))
          .as("C8: a transaction does not find the row it deleted")
          .isEmpty();
      assertThat(items.find(Filter.where(Where.eq("qty", 2)), in))
          .as("C8: a where inside the transaction applies to its own writes")
          .extracting(row -> row.get("name"))
          .containsExactly("changed");
    }
  }

  /**
   * Every write operation beyond create/update/delete, each in the transaction: what each one
   * leaves as {@code id → name=qty}, in id order.
   */
  private static Map<Long, String> writeEveryWayInTransaction(Dao items, Options in) {
    items.replaceById(1L, Map.of("name", "replaceById", "qty", 9), in);
    items.upsert(Map.of("id", 2L, "qty", 9), in);
    items.upsert(Map.of("id", 10L, "name", "upsert", "qty", 1), in);
    items.replaceOrCreate(Map.of("id", 11L, "name", "replaceOrCreate", "qty", 1), in);
    items.upsertWithWhere(Where.eq("name", "where"), Map.of("qty", 9), in);
    items.upsertWithWhere(
        Where.eq("name", "nobody"), Map.of("id", 12L, "name", "upsertWithWhere", "qty", 1), in);
    items.createAll(
        List.of(
            Map.of("id", 13L, "name", "createAll", "qty", 1),
            Map.of("id", 14L, "name", "createAll", "qty", 1)),
        in);
    items.findOrCreate(
        Filter.where(Where.eq("name", "findOrCreate")),
        Map.of("id", 15L, "name", "findOrCreate", "qty", 1),
        in);
    Map<Long, String> after = new java.util.TreeMap<>();
    after.put(1L, "replaceById=9");
    after.put(2L, "patched=9");
    after.put(3L, "where=9");
    after.put(10L, "upsert=1");
    after.put(11L, "replaceOrCreate=1");
    after.put(12L, "upsertWithWhere=1");
    after.put(13L, "createAll=1");
    after.put(14L, "createAll=1");
    after.put(15L, "findOrCreate=1");
    return after;
  }

  private static Map<Long, String> state(Dao items, Options options) {
    Map<Long, String> state = new java.util.TreeMap<>();
    for (Map<String, Object> row : items.find(byId(), options)) {
      state.put((Long) row.get("id"), row.get("name") + "=" + row.get("qty"));
    }
    return state;
  }

  private static Map<Long, String> seedForEveryWrite(Dao items) {
    items.create(Map.of("id", 1L, "name", "replaced", "qty", 1));
    items.create(Map.of("id", 2L, "name", "patched", "qty", 1));
    items.create(Map.of("id", 3L, "name", "where", "qty", 1));
    return Map.of(1L, "replaced=1", 2L, "patched=1", 3L, "where=1");
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void everyWriteOperationIsInvisibleOutsideAndDiscardedByRollback() {
    Dao items = define(OPEN_ITEM);
    Map<Long, String> before = new java.util.TreeMap<>(seedForEveryWrite(items));
    Transaction tx = begin();
    if (tx == null) {
      return;
    }
    try (tx) {
      Options in = Options.of(tx);
      Map<Long, String> inside = writeEveryWayInTransaction(items, in);
      assertThat(state(items, in))
          .as(
              "C8: the transaction reads its own replaceById, upsert family, create([...]) and"
                  + " findOrCreate")
          .isEqualTo(inside);
      assertThat(state(items, Options.NONE))
          .as(
              "C8: replaceById, upsert, replaceOrCreate, upsertWithWhere, create([...]) and"
                  + " findOrCreate in a transaction are invisible outside until commit")
          .isEqualTo(before);
      tx.rollback();
    }
    assertThat(state(items, Options.NONE))
        .as(
            "C8: rollback discards replaceById, the upsert family, create([...]) and"
                + " findOrCreate, not only create/update/delete")
        .isEqualTo(before);
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void everyWriteOperationIsVisibleAfterCommit() {
    Dao items = define(OPEN_ITEM);
    seedForEveryWrite(items);
    Transaction tx = begin();
    if (tx == null) {
      return;
    }
    Map<Long, String> inside;
    try (tx) {
      inside = writeEveryWayInTransaction(items, Options.of(tx));
      tx.commit();
    }
    assertThat(state(items, Options.NONE))
        .as("C8: every write of a committed transaction is visible after commit")
        .isEqualTo(inside);
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void serializableRefusesWriteSkewOrIsUnsupported() throws Exception {
    Dao staff = define(ON_CALL);
    staff.create(Map.of("id", 1L, "name", "alice", "onCall", true));
    staff.create(Map.of("id", 2L, "name", "bob", "onCall", true));
    if (!supports(Feature.TRANSACTIONS)) {
      assertUnsupported(
          Feature.TRANSACTIONS, () -> db.beginTransaction(IsolationLevel.SERIALIZABLE));
      return;
    }
    try {
      db.beginTransaction(IsolationLevel.SERIALIZABLE).rollback();
    } catch (ConnectorException e) {
      assertThat(e.code())
          .as("C8: a connector without true SERIALIZABLE refuses it (%s)", e.getMessage())
          .isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
      return;
    }
    // Each transaction sees two on call, so takes itself off call: serially, the second would see
    // one left and stay. Both committing is write skew, which SERIALIZABLE must prevent.
    CyclicBarrier bothRead = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    int committed = 0;
    List<Throwable> failures = new ArrayList<>();
    try {
      List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();
      for (long id = 1; id <= 2; id++) {
        long me = id;
        outcomes.add(CompletableFuture.supplyAsync(() -> goOffCall(staff, me, bothRead), threads));
      }
      for (CompletableFuture<Boolean> outcome : outcomes) {
        Throwable thrown = catchThrowable(() -> outcome.get(30, TimeUnit.SECONDS));
        if (thrown == null) {
          committed++;
        } else {
          failures.add(thrown);
        }
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(staff.count(Where.eq("onCall", true)))
        .as(
            "C8: SERIALIZABLE means serializable: two transactions that each read both rows and"
                + " write the other one's (write skew) cannot both commit; a snapshot-only backend"
                + " must refuse SERIALIZABLE with UNSUPPORTED_OPERATION (commits: %d, failures:"
                + " %s)",
            committed, failures)
        .isGreaterThanOrEqualTo(1);
    assertThat(committed)
        .as("C8: of the two conflicting transactions one commits (failures: %s)", failures)
        .isEqualTo(1);
  }

  private boolean goOffCall(Dao staff, long me, CyclicBarrier bothRead) {
    Transaction tx = db.beginTransaction(IsolationLevel.SERIALIZABLE);
    try (tx) {
      Options in = Options.of(tx);
      long onCall = staff.count(Where.eq("onCall", true), in);
      try {
        bothRead.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the other transaction did not read in time", e);
      }
      if (onCall >= 2) {
        staff.updateById(me, Map.of("onCall", false), in);
      }
      tx.commit();
      return true;
    }
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void usingACommittedTransactionFailsWithTransactionNotActive() {
    Dao items = define(ITEM);
    Transaction tx = begin();
    if (tx == null) {
      return;
    }
    items.create(item("a", 1), Options.of(tx));
    tx.commit();
    Options in = Options.of(tx);
    String requirement = "C8: using a committed transaction → TRANSACTION_NOT_ACTIVE";
    assertError(
        ErrorCode.TRANSACTION_NOT_ACTIVE, requirement, () -> items.create(item("b", 1), in));
    assertError(ErrorCode.TRANSACTION_NOT_ACTIVE, requirement, () -> items.find(Filter.ALL, in));
    assertError(ErrorCode.TRANSACTION_NOT_ACTIVE, requirement, () -> items.count(null, in));
    assertError(ErrorCode.TRANSACTION_NOT_ACTIVE, requirement, tx::commit);
    assertError(ErrorCode.TRANSACTION_NOT_ACTIVE, requirement, tx::rollback);
    assertThat(names(items.find(Filter.ALL)))
        .as("C8: nothing written through a finished transaction")
        .containsExactly("a");
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void usingARolledBackTransactionFailsWithTransactionNotActive() {
    Dao items = define(ITEM);
    Transaction tx = begin();
    if (tx == null) {
      return;
    }
    items.create(item("a", 1), Options.of(tx));
    tx.rollback();
    Options in = Options.of(tx);
    String requirement = "C8: using a rolled-back transaction → TRANSACTION_NOT_ACTIVE";
    assertError(
        ErrorCode.TRANSACTION_NOT_ACTIVE, requirement, () -> items.create(item("b", 1), in));
    assertError(
        ErrorCode.TRANSACTION_NOT_ACTIVE,
        requirement,
        () -> items.updateAll(Where.all(), Map.of("qty", 3), in));
    assertError(
        ErrorCode.TRANSACTION_NOT_ACTIVE, requirement, () -> items.deleteAll(Where.all(), in));
    assertError(ErrorCode.TRANSACTION_NOT_ACTIVE, requirement, tx::commit);
    assertThat(items.count(Where.all()))
        .as("C8: nothing written through a rolled-back transaction")
        .isZero();
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void aTimedOutTransactionIsRolledBackAndRefusesFurtherUse() throws InterruptedException {
    Dao items = define(ITEM);
    Transaction tx = begin(IsolationLevel.READ_COMMITTED, Duration.ofMillis(100));
    if (tx == null) {
      return;
    }
    try (tx) {
      Options in = Options.of(tx);
      items.create(item("a", 1), in);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      Thread.sleep(150);
      while (tx.isActive() && System.nanoTime() < deadline) {
        Thread.sleep(20); // a slow machine: the timer may fire a little late
      }
      assertError(
          ErrorCode.TRANSACTION_NOT_ACTIVE,
          "C8: a transaction whose timeout expired is rolled back; using it → "
              + "TRANSACTION_NOT_ACTIVE",
          () -> items.create(item("b", 1), in));
      assertError(
          ErrorCode.TRANSACTION_NOT_ACTIVE,
          "C8: a timed-out transaction cannot be committed",
          tx::commit);
    }
    assertThat(items.count(Where.all()))
        .as("C8: the work of a timed-out transaction is gone")
        .isZero();
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void closingAnUnfinishedTransactionRollsItBack() {
    Dao items = define(ITEM);
    Map<String, Object> changed = items.create(item("changed", 1));
    Transaction tx = begin();
    if (tx == null) {
      return;
    }
    try (tx) {
      items.create(item("new", 1), Options.of(tx));
      items.updateById(idOf(changed), Map.of("qty", 9), Options.of(tx));
    }
    assertThat(tx.isActive()).as("C8: close() finishes the transaction").isFalse();
    assertThat(items.find(byId()))
        .as("C8: closing a transaction that was neither committed nor rolled back rolls it back")
        .extracting(row -> row.get("name") + "=" + row.get("qty"))
        .containsExactly("changed=1");
    assertError(
        ErrorCode.TRANSACTION_NOT_ACTIVE,
        "C8: a closed transaction is finished",
        () -> items.create(item("late", 1), Options.of(tx)));
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void aTransactionOfAnotherDatasourceIsRejected() {
    Dao items = define(ITEM);
    if (!supports(Feature.TRANSACTIONS)) {
      assertUnsupported(Feature.TRANSACTIONS, () -> db.beginTransaction());
      return;
    }
    try (DataSource other = createSecondDataSource();
        Transaction foreign = other.beginTransaction()) {
      Options wrong = Options.of(foreign);
      String requirement = "C8: a transaction from another datasource → INVALID_ARGUMENT";
      assertError(ErrorCode.INVALID_ARGUMENT, requirement, () -> items.create(item("a", 1), wrong));
      assertError(ErrorCode.INVALID_ARGUMENT, requirement, () -> items.find(Filter.ALL, wrong));
      assertError(ErrorCode.INVALID_ARGUMENT, requirement, () -> items.count(null, wrong));
      assertError(
          ErrorCode.INVALID_ARGUMENT,
          requirement,
          () -> items.updateAll(Where.all(), Map.of("qty", 1), wrong));
      assertError(
          ErrorCode.INVALID_ARGUMENT, requirement, () -> items.deleteAll(Where.all(), wrong));
      assertThat(items.count(Where.all()))
          .as("C8: nothing is written with a foreign transaction")
          .isZero();
      assertThat(foreign.isActive()).as("C8: the foreign transaction is left alone").isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = IsolationLevel.class,
      names = {"REPEATABLE_READ", "SERIALIZABLE"})
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void snapshotLevelsDoNotSeeRowsCommittedAfterTheTransactionStarted(IsolationLevel level)
      throws Exception {
    Dao items = define(ITEM);
    items.create(item("before", 1));
    if (!supports(Feature.TRANSACTIONS)) {
      assertUnsupported(Feature.TRANSACTIONS, () -> db.beginTransaction(level));
      return;
    }
    Transaction tx;
    try {
      tx = db.beginTransaction(level);
    } catch (ConnectorException e) {
      assertThat(e.code())
          .as("C8: a level the backend lacks → UNSUPPORTED_OPERATION (%s)", e.getMessage())
          .isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
      return;
    }
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (tx) {
      Options in = Options.of(tx);
      // A first read establishes the snapshot on backends that take it lazily.
      assertThat(names(items.find(byId(), in))).containsExactly("before");
      Future<?> outside = writer.submit(() -> items.create(item("after", 1)));
      boolean committed;
      try {
        outside.get(2, TimeUnit.SECONDS);
        committed = true;
      } catch (TimeoutException blockedUntilTheTransactionEnds) {
        committed = false; // a locking backend holds the writer back: also no phantom
      }
      assertThat(names(items.find(byId(), in)))
          .as(
              "C8: %s reads the state at its start; a row committed by another transaction after"
                  + " that is not seen (writer committed: %s)",
              level, committed)
          .containsExactly("before");
      assertThat(items.count(null, in))
          .as("C8: %s counts the state at its start", level)
          .isEqualTo(1);
      tx.rollback();
      outside.get(10, TimeUnit.SECONDS);
    } finally {
      writer.shutdownNow();
    }
    assertThat(names(items.find(byId())))
        .as("C8: the other transaction's row is committed")
        .containsExactly("before", "after");
  }

  @Test
  @ContractSection(value = "C8", features = Feature.TRANSACTIONS)
  void concurrentWritesOfTheSameRowNeverLoseAnUpdate() throws Exception {
    Dao items = define(ITEM);
    Map<String, Object> counter = items.create(item("counter", 0));
    Object id = idOf(counter);
    if (!supports(Feature.TRANSACTIONS)) {
      assertUnsupported(
          Feature.TRANSACTIONS, () -> db.beginTransaction(IsolationLevel.SERIALIZABLE));
      return;
    }
    IsolationLevel level = IsolationLevel.SERIALIZABLE;
    Transaction probe;
    try {
      probe = db.beginTransaction(level);
    } catch (ConnectorException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
      level = IsolationLevel.REPEATABLE_READ;
      probe = null;
    }
    if (probe != null) {
      probe.rollback();
    }
    IsolationLevel isolation = level;
    CyclicBarrier bothRead = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        outcomes.add(
            CompletableFuture.supplyAsync(
                () -> incrementInTransaction(items, id, isolation, bothRead), threads));
      }
      int committed = 0;
      List<Throwable> failures = new ArrayList<>();
      for (CompletableFuture<Boolean> outcome : outcomes) {
        Throwable thrown = catchThrowable(() -> outcome.get(20, TimeUnit.SECONDS));
        if (thrown == null) {
          committed++;
        } else {
          failures.add(thrown);
        }
      }
      long qty = qtyOf(items.findById(id).orElseThrow());
      assertThat(qty)
          .as(
              "C8: two %s transactions read qty=0 and wrote qty+1; the final value must equal the"
                  + " number of commits that succeeded (%s) — else an update was lost (failures:"
                  + " %s)",
              isolation, committed, failures)
          .isEqualTo(committed);
      assertThat(committed)
          .as("C8: of two conflicting transactions at least one commits (failures: %s)", failures)
          .isGreaterThanOrEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
  }

  /** The qty of the counter record; fails when the connector did not keep it. */
  private static long qtyOf(Map<String, Object> counter) {
    Object qty = counter.get("qty");
    assertThat(qty).as("C8: the counter keeps its qty, got %s", counter).isNotNull();
    return (Long) qty;
  }

  private boolean incrementInTransaction(
      Dao items, Object id, IsolationLevel isolation, CyclicBarrier bothRead) {
    Transaction tx = db.beginTransaction(isolation);
    try (tx) {
      Options in = Options.of(tx);
      long qty = qtyOf(items.findById(id, null, in).orElseThrow());
      try {
        bothRead.await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the other transaction did not read in time", e);
      }
      items.updateById(id, Map.of("qty", qty + 1), in);
      tx.commit();
      return true;
    }
  }

  /** A second datasource of the same connector, for the foreign-transaction test. */
  private DataSource createSecondDataSource() {
    return tck.createDataSource();
  }
}
