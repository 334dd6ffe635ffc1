package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.idOf;
import static io.connectorkit.tck.CrudFixtures.row;
import static io.connectorkit.tck.CrudFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * C6 lifecycle. {@code lazyConnect} is a connector setting, not something every connector must
 * offer, so it is not tested generically.
 */
public abstract class LifecycleTck extends TckSection {
  private static final String ITEMS =
      """
      {"name": "TckLifecycle", "properties": {"name": "string"}}
      """;

  private final ConnectorTck tck;

  protected LifecycleTck(ConnectorTck tck) {
    super(tck);
    this.tck = tck;
  }

  @Test
  @ContractSection(value = "C6", records = false)
  void connectIsIdempotent() {
    db.connect();
    assertThatCode(db::connect).as("C6: connect is idempotent").doesNotThrowAnyException();
    db.connect();

    assumeFeature(Feature.CRUD, "operations after repeated connects are checked on records");
    Dao items = define(ITEMS);
    Object id = idOf(items.create(row("name", "a")));
    assertThat(stored(items, id))
        .as("C6: operations work after repeated connects")
        .containsEntry("name", "a");
  }

  @Test
  @ContractSection(value = "C6", records = false)
  void disconnectIsIdempotent() {
    if (supports(Feature.CRUD)) {
      define(ITEMS).create(row("name", "a"));
    } else {
      db.connect();
    }

    db.disconnect();
    assertThatCode(db::disconnect).as("C6: disconnect is idempotent").doesNotThrowAnyException();
  }

  @Test
  @ContractSection(value = "C6", records = false)
  void disconnectWithoutConnectIsFine() {
    try (DataSource fresh = tck.createDataSource()) {
      assertThatCode(fresh::disconnect)
          .as("C6: disconnecting a datasource that never connected is a no-op")
          .doesNotThrowAnyException();
    }
  }

  @Test
  @ContractSection(value = "C6", records = false)
  void closeIsIdempotent() {
    if (supports(Feature.CRUD)) {
      define(ITEMS).create(row("name", "a"));
    } else {
      db.connect();
    }

    db.close();
    assertThatCode(db::close).as("C6: close is idempotent").doesNotThrowAnyException();
  }

  @Test
  @ContractSection(value = "C6", records = false)
  void pingAnswersTrue() {
    assertThat(db.ping()).as("C6: ping of a reachable backend answers true").isTrue();
    db.connect();
    assertThat(db.ping()).as("C6: ping after connect answers true").isTrue();
    assertThat(db.ping()).as("C6: ping can be repeated").isTrue();
  }

  @Test
  @ContractSection(value = "C6", records = false)
  void pingAfterDisconnectAnswersTrueOrThrowsNeverFalse() {
    db.connect();
    db.disconnect();
    boolean answer;
    try {
      answer = db.ping();
    } catch (ConnectorException e) {
      assertThat(e.code())
          .as("C6: ping after disconnect connects again or throws CONNECTION_FAILED (%s)", e)
          .isEqualTo(ErrorCode.CONNECTION_FAILED);
      return;
    }
    assertThat(answer).as("C6: ping never answers false, also after disconnect").isTrue();
    db.disconnect();
    try {
      answer = db.ping();
    } catch (ConnectorException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
      return;
    }
    assertThat(answer).as("C6: ping after a second disconnect never answers false").isTrue();
  }

  @Test
  @ContractSection("C6")
  void operationsSucceedAgainAfterDisconnectAndConnect() {
    Dao items = define(ITEMS);
    items.create(row("name", "a"));

    db.disconnect();
    db.connect();
    Object id = idOf(items.create(row("name", "b")));

    assertThat(stored(items, id))
        .as("C6: after disconnect and connect, operations succeed again")
        .containsEntry("name", "b");
    assertThat(db.ping()).isTrue();
  }

  @Test
  @ContractSection("C6")
  void aNewDataSourceWorksAfterTheFirstIsClosed() {
    define(ITEMS).create(row("name", "a"));
    db.close();

    try (DataSource second = tck.createDataSource()) {
      second.define(ITEMS);
      tck.reset(second, second.model("TckLifecycle"));
      Dao items = second.dao("TckLifecycle");
      Object id = idOf(items.create(row("name", "b")));

      assertThat(second.ping()).as("C6: a new datasource after close answers ping").isTrue();
      assertThat(stored(items, id))
          .as("C6: a new datasource works after another was closed")
          .containsEntry("name", "b");
    }
  }

  @Test
  @ContractSection("C6")
  void aDataSourceIsAutoCloseable() {
    DataSource used;
    try (DataSource scoped = tck.createDataSource()) {
      used = scoped;
      scoped.define(ITEMS);
      tck.reset(scoped, scoped.model("TckLifecycle"));
      Map<String, Object> created = scoped.dao("TckLifecycle").create(row("name", "a"));
      assertThat(created.get("id")).isNotNull();
    }
    assertThat(used).as("C6: a datasource is AutoCloseable").isInstanceOf(AutoCloseable.class);
    assertThatCode(used::close)
        .as("C6: closing a datasource closed by try-with-resources again is a no-op")
        .doesNotThrowAnyException();
  }

  @Test
  @ContractSection("C6")
  void twoDataSourcesCanBeOpenAtOnce() {
    try (DataSource other = tck.createDataSource()) {
      assertThat(db.ping()).isTrue();
      assertThat(other.ping()).as("C6: several datasources can be connected together").isTrue();
    }
    assertThat(db.ping()).as("C6: closing one datasource leaves the other working").isTrue();
  }
}
