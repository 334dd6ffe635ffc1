package io.connectorkit.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.ListConnector;
import io.connectorkit.core.spi.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionTest {
  private final ListConnector connector = new ListConnector(Settings.of(Map.of()));
  private final List<String> calls = new ArrayList<>();

  private Transaction transaction(Duration timeout) {
    return new Transaction(connector, IsolationLevel.SERIALIZABLE, timeout) {
      @Override
      protected void doCommit() {
        calls.add("commit");
      }

      @Override
      protected void doRollback() {
        calls.add("rollback");
      }
    };
  }

  @Test
  void commitFinishesTheTransaction() {
    Transaction tx = transaction(null);

    tx.commit();

    assertThat(tx.state()).isEqualTo(Transaction.State.COMMITTED);
    assertThat(calls).containsExactly("commit");
    assertThatThrownBy(tx::commit)
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_NOT_ACTIVE))
        .hasMessageContaining("is not active (committed)");
  }

  @Test
  void rollbackThenAnyUseIsNotActive() {
    Transaction tx = transaction(null);

    tx.rollback();

    assertThatThrownBy(() -> tx.run(() -> 1))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_NOT_ACTIVE));
    assertThatThrownBy(tx::rollback).isInstanceOf(ConnectorException.class);
  }

  @Test
  void closeRollsBackAnActiveTransactionOnlyOnce() {
    Transaction tx = transaction(null);

    tx.close();
    tx.close();

    assertThat(calls).containsExactly("rollback");
    assertThat(tx.state()).isEqualTo(Transaction.State.ROLLED_BACK);
  }

  @Test
  void closeAfterCommitDoesNothing() {
    Transaction tx = transaction(null);
    tx.commit();

    tx.close();

    assertThat(calls).containsExactly("commit");
  }

  @Test
  void timeoutRollsBackAndLaterUseIsNotActive() throws Exception {
    Transaction tx = transaction(Duration.ofMillis(50));

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (tx.isActive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(tx.state()).isEqualTo(Transaction.State.TIMED_OUT);
    assertThat(calls).containsExactly("rollback");
    assertThatThrownBy(tx::commit).hasMessageContaining("(timed_out)");
  }

  @Test
  void failedCommitRollsBack() {
    Transaction tx =
        new Transaction(connector, IsolationLevel.READ_COMMITTED, null) {
          @Override
          protected void doCommit() {
            throw new ConnectorException(ErrorCode.BACKEND_ERROR, "conflict");
          }

          @Override
          protected void doRollback() {
            calls.add("rollback");
          }
        };

    assertThatThrownBy(tx::commit).hasMessage("conflict");
    assertThat(tx.state()).isEqualTo(Transaction.State.ROLLED_BACK);
    assertThat(calls).containsExactly("rollback");
  }
}
