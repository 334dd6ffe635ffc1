package io.connectorkit.connector.memory;

import static io.connectorkit.connector.memory.Models.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MemoryTransactionTest {
  private MemoryConnector connector;
  private ModelDefinition counter;
  private ModelDefinition person;

  @BeforeEach
  void setUp() {
    connector = Models.connector();
    counter = connector.define(Models.counter());
    person = connector.define(Models.person());
    connector.create(counter, row("id", 1L, "value", 0L), Options.NONE);
  }

  private Transaction begin(IsolationLevel isolation) {
    return connector.beginTransaction(isolation, null);
  }

  private long value(Options options) {
    List<Map<String, Object>> rows =
        connector.all(counter, Filter.where(Where.eq("id", 1L)), options);
    return (Long) rows.get(0).get("value");
  }

  private void setValue(long value, Options options) {
    connector.updateAttributes(counter, 1L, row("value", value), options);
  }

  private static ConnectorException failure(Runnable call) {
    return catchThrowableOfType(ConnectorException.class, call::run);
  }

  @ParameterizedTest
  @EnumSource(IsolationLevel.class)
  void writesAreVisibleInsideButNotOutsideUntilCommit(IsolationLevel isolation) {
    Transaction tx = begin(isolation);
    Options in = Options.of(tx);
    connector.create(person, row("name", "a"), in);
    setValue(5, in);
    assertThat(connector.count(person, Where.eq("name", "a"), in)).isEqualTo(1);
    assertThat(value(in)).isEqualTo(5);
    assertThat(connector.count(person, Where.all(), Options.NONE)).isZero();
    assertThat(value(Options.NONE)).isZero();
    tx.commit();
    assertThat(connector.count(person, Where.eq("name", "a"), Options.NONE)).isEqualTo(1);
    assertThat(value(Options.NONE)).isEqualTo(5);
  }

  @Test
  void rollbackDiscardsEveryWrite() {
    connector.create(person, row("id", 1L, "name", "keep"), Options.NONE);
    Transaction tx = begin(IsolationLevel.READ_COMMITTED);
    Options in = Options.of(tx);
    connector.create(person, row("name", "b"), in);
    connector.destroyAll(person, Where.eq("name", "keep"), in);
    setValue(9, in);
    assertThat(connector.count(person, Where.all(), in)).isEqualTo(1);
    tx.rollback();
    assertThat(connector.all(person, Filter.ALL, Options.NONE))
        .extracting(r -> r.get("name"))
        .containsExactly("keep");
    assertThat(value(Options.NONE)).isZero();
  }

  @Test
  void closingAnOpenTransactionRollsItBack() {
    try (Transaction tx = begin(IsolationLevel.READ_COMMITTED)) {
      setValue(3, Options.of(tx));
    }
    assertThat(value(Options.NONE)).isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = IsolationLevel.class,
      names = {"READ_UNCOMMITTED", "READ_COMMITTED"})
  void readCommittedLevelsSeeCommitsMadeAfterBegin(IsolationLevel isolation) {
    Transaction tx = begin(isolation);
    assertThat(value(Options.of(tx))).isZero();
    setValue(7, Options.NONE);
    connector.create(person, row("name", "new"), Options.NONE);
    assertThat(value(Options.of(tx))).isEqualTo(7);
    assertThat(connector.count(person, Where.all(), Options.of(tx))).isEqualTo(1);
    tx.commit();
  }

  @Test
  void readUncommittedDoesNotSeeOtherTransactionsUncommittedWrites() {
    Transaction writer = begin(IsolationLevel.READ_COMMITTED);
    setValue(4, Options.of(writer));
    Transaction reader = begin(IsolationLevel.READ_UNCOMMITTED);
    assertThat(value(Options.of(reader))).isZero();
    writer.rollback();
    reader.rollback();
  }

  @ParameterizedTest
  @EnumSource(
      value = IsolationLevel.class,
      names = {"REPEATABLE_READ", "SERIALIZABLE"})
  void snapshotLevelsReadTheStateAtBegin(IsolationLevel isolation) {
    Transaction tx = begin(isolation);
    setValue(7, Options.NONE);
    connector.create(person, row("name", "phantom"), Options.NONE);
    assertThat(value(Options.of(tx))).isZero();
    assertThat(connector.count(person, Where.all(), Options.of(tx))).isZero();
    assertThat(connector.all(person, Filter.where(Where.eq("name", "phantom")), Options.of(tx)))
        .isEmpty();
    tx.rollback();
  }

  @Test
  void snapshotSeesItsOwnWritesOnTopOfTheSnapshot() {
    connector.create(person, row("id", 1L, "name", "a"), Options.NONE);
    Transaction tx = begin(IsolationLevel.REPEATABLE_READ);
    Options in = Options.of(tx);
    connector.updateAttributes(person, 1L, row("name", "b"), in);
    connector.create(person, row("id", 2L, "name", "b"), in);
    connector.update(person, Where.eq("name", "a"), row("age", 1L), Options.NONE);
    assertThat(connector.all(person, Filter.where(Where.eq("name", "b")), in))
        .extracting(r -> r.get("id"))
        .containsExactly(1L, 2L);
    assertThat(connector.count(person, Where.eq("name", "a"), in)).isZero();
    tx.rollback();
  }

  @Test
  void serializableFailsWhenAModelItReadChangedConcurrently() {
    Transaction tx = begin(IsolationLevel.SERIALIZABLE);
    Options in = Options.of(tx);
    long seen = value(in);
    connector.create(person, row("name", "from " + seen), in);
    setValue(1, Options.NONE);
    ConnectorException e = failure(tx::commit);
    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(e)
        .hasMessage(
            "serialization failure in transaction "
                + tx.id()
                + ": Counter changed concurrently; retry");
    assertThat(tx.state()).isEqualTo(Transaction.State.ROLLED_BACK);
    assertThat(connector.count(person, Where.all(), Options.NONE)).isZero();
  }

  @Test
  void repeatableReadAllowsAWriteSkewThatSerializableRefuses() {
    Transaction tx = begin(IsolationLevel.REPEATABLE_READ);
    value(Options.of(tx));
    connector.create(person, row("name", "x"), Options.of(tx));
    setValue(1, Options.NONE);
    tx.commit();
    assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(IsolationLevel.class)
  void secondCommitterOfTheSameRecordFails(IsolationLevel isolation) {
    Transaction first = begin(isolation);
    Transaction second = begin(isolation);
    setValue(value(Options.of(first)) + 1, Options.of(first));
    setValue(value(Options.of(second)) + 10, Options.of(second));
    first.commit();
    ConnectorException e = failure(second::commit);
    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(e).hasMessageContaining("serialization failure in transaction " + second.id());
    assertThat(second.isActive()).isFalse();
    assertThat(value(Options.NONE)).isEqualTo(1);
  }

  @Test
  void writeConflictWithANonTransactionalWriteFailsTheCommit() {
    Transaction tx = begin(IsolationLevel.READ_COMMITTED);
    setValue(5, Options.of(tx));
    setValue(6, Options.NONE);
    assertThat(failure(tx::commit).code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(value(Options.NONE)).isEqualTo(6);
  }

  @Test
  void disjointWritesOfConcurrentTransactionsBothCommit() {
    Transaction first = begin(IsolationLevel.REPEATABLE_READ);
    Transaction second = begin(IsolationLevel.REPEATABLE_READ);
    Map<String, Object> a = connector.create(person, row("name", "a"), Options.of(first));
    Map<String, Object> b = connector.create(person, row("name", "b"), Options.of(second));
    assertThat(a.get("id")).isNotEqualTo(b.get("id"));
    first.commit();
    second.commit();
    assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(2);
  }

  @Test
  void uniqueIndexIsCheckedAgainAtCommitAndNothingIsWrittenOnViolation() {
    Transaction tx = begin(IsolationLevel.READ_COMMITTED);
    connector.create(person, row("name", "t1"), Options.of(tx));
    connector.create(person, row("name", "t2", "email", "e@x"), Options.of(tx));
    connector.create(person, row("name", "other", "email", "e@x"), Options.NONE);
    ConnectorException e = failure(tx::commit);
    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
    assertThat(e).hasMessageContaining("email = \"e@x\"");
    assertThat(connector.all(person, Filter.ALL, Options.NONE))
        .extracting(r -> r.get("name"))
        .containsExactly("other");
  }

  @Test
  void explicitIdCreatedConcurrentlyFailsTheCommitWithDuplicateKey() {
    Transaction tx = begin(IsolationLevel.SERIALIZABLE);
    connector.create(person, row("id", 5L, "name", "tx"), Options.of(tx));
    connector.create(person, row("id", 5L, "name", "outside"), Options.NONE);
    ConnectorException e = failure(tx::commit);
    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
    assertThat(e).hasMessageContaining("Person with id 5");
  }

  @Test
  void uniqueValuesSwappedInsideATransactionCommit() {
    connector.create(person, row("id", 1L, "email", "a"), Options.NONE);
    connector.create(person, row("id", 2L, "email", "b"), Options.NONE);
    Transaction tx = begin(IsolationLevel.READ_COMMITTED);
    Options in = Options.of(tx);
    connector.updateAttributes(person, 1L, row("email", "tmp"), in);
    connector.updateAttributes(person, 2L, row("email", "a"), in);
    connector.updateAttributes(person, 1L, row("email", "b"), in);
    tx.commit();
    assertThat(connector.all(person, Filter.ALL, Options.NONE))
        .extracting(r -> r.get("email"))
        .containsExactly("b", "a");
  }

  @Test
  void failedOperationInsideATransactionLeavesItsEarlierWork() {
    Transaction tx = begin(IsolationLevel.READ_COMMITTED);
    Options in = Options.of(tx);
    connector.create(person, row("id", 1L), in);
    assertThat(
            failure(() -> connector.createAll(person, List.of(row("id", 2L), row("id", 1L)), in))
                .code())
        .isEqualTo(ErrorCode.DUPLICATE_KEY);
    assertThat(connector.all(person, Filter.ALL, in))
        .extracting(r -> r.get("id"))
        .containsExactly(1L);
    tx.commit();
    assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(1);
  }

  @Test
  void upsertsInsideATransactionSeeItsOwnWrites() {
    Transaction tx = begin(IsolationLevel.SERIALIZABLE);
    Options in = Options.of(tx);
    assertThat(
            connector
                .findOrCreate(
                    person, Filter.where(Where.eq("name", "x")), () -> row("name", "x"), in)
                .created())
        .isTrue();
    assertThat(
            connector
                .findOrCreate(
                    person, Filter.where(Where.eq("name", "x")), () -> row("name", "x"), in)
                .created())
        .isFalse();
    tx.commit();
    assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(1);
  }

  @Test
  void finishedTransactionFailsWithTransactionNotActive() {
    Transaction committed = begin(IsolationLevel.READ_COMMITTED);
    committed.commit();
    Transaction rolledBack = begin(IsolationLevel.READ_COMMITTED);
    rolledBack.rollback();
    for (Transaction tx : List.of(committed, rolledBack)) {
      assertThat(failure(() -> value(Options.of(tx))).code())
          .isEqualTo(ErrorCode.TRANSACTION_NOT_ACTIVE);
      assertThat(failure(() -> setValue(1, Options.of(tx))).code())
          .isEqualTo(ErrorCode.TRANSACTION_NOT_ACTIVE);
      assertThat(failure(tx::commit).code()).isEqualTo(ErrorCode.TRANSACTION_NOT_ACTIVE);
    }
  }

  @Test
  void transactionOfAnotherConnectorFailsWithInvalidArgument() {
    MemoryConnector other = Models.connector();
    Transaction foreign = other.beginTransaction(IsolationLevel.READ_COMMITTED, null);
    ConnectorException e = failure(() -> value(Options.of(foreign)));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e).hasMessageContaining(foreign.id());
    foreign.rollback();
  }

  @Test
  void timeoutRollsTheTransactionBack() throws InterruptedException {
    Transaction tx =
        connector.beginTransaction(IsolationLevel.READ_COMMITTED, Duration.ofMillis(50));
    setValue(8, Options.of(tx));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (tx.isActive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(tx.state()).isEqualTo(Transaction.State.TIMED_OUT);
    assertThat(failure(() -> setValue(9, Options.of(tx))).code())
        .isEqualTo(ErrorCode.TRANSACTION_NOT_ACTIVE);
    assertThat(value(Options.NONE)).isZero();
  }

  @Test
  @Timeout(30)
  void serializableIncrementsFromSixteenThreadsWithRetryLoseNothing() throws Exception {
    int threads = 16;
    int increments = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < increments; i++) {
                    while (true) {
                      Transaction tx = begin(IsolationLevel.SERIALIZABLE);
                      try {
                        Options in = Options.of(tx);
                        setValue(value(in) + 1, in);
                        tx.commit();
                        break;
                      } catch (ConnectorException e) {
                        if (e.code() != ErrorCode.BACKEND_ERROR) {
                          throw e;
                        }
                      } finally {
                        tx.close();
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(value(Options.NONE)).isEqualTo(threads * increments);
  }
}
