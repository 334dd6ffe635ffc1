package io.connectorkit.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Generated numeric ids taken from the counter in blocks ({@code idBlockSize}): one command per
 * create instead of two, and the contract's id rules (C1.2) within a datasource.
 */
class MongoIdBlockTest {
  private static final MongoServerFixture SERVER = new MongoServerFixture("idblocks");
  private static final String MODEL =
      """
      {"name": "Numbered", "forceId": false,
       "properties": {"id": {"type": "number", "id": true, "generated": true}, "n": "number"}}""";

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  private static DataSource open(int blockSize) {
    DataSource db =
        DataSources.create(
            "ids", Map.of("connector", "mongodb", "url", SERVER.url(), "idBlockSize", blockSize));
    db.define(MODEL);
    db.automigrate("Numbered");
    return db;
  }

  private static AtomicInteger countCommands(DataSource db) {
    AtomicInteger commands = new AtomicInteger();
    db.unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void beforeExecute(ExecuteContext context) {
                commands.incrementAndGet();
              }
            });
    return commands;
  }

  @Test
  void createsTakeOneCommandEachAndIdsCountFromOne() {
    try (DataSource db = open(100)) {
      Dao dao = db.dao("Numbered");
      AtomicInteger commands = countCommands(db);
      List<Object> ids = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        ids.add(dao.create(Map.of("n", i)).get("id"));
      }
      assertThat(ids).first().isEqualTo(1L);
      assertThat(ids).last().isEqualTo(150L);
      assertThat(ids).doesNotHaveDuplicates();
      // 150 inserts, two counter increments (ids 1-100, 101-200), and the look for ids already
      // stored that a new counter makes.
      assertThat(commands.get()).isEqualTo(153);
    }
  }

  @Test
  void withTheDefaultEveryCreateAlsoIncrementsTheCounter() {
    try (DataSource db = open(1)) {
      Dao dao = db.dao("Numbered");
      AtomicInteger commands = countCommands(db);
      for (int i = 0; i < 10; i++) {
        dao.create(Map.of("n", i));
      }
      // 10 inserts, 10 increments, the new counter's look for stored ids.
      assertThat(commands.get()).isEqualTo(21);
    }
  }

  @Test
  void anExplicitIdOrAMigrationDropsTheBlock() {
    try (DataSource db = open(100)) {
      Dao dao = db.dao("Numbered");
      assertThat(dao.create(Map.of("n", 1)).get("id")).isEqualTo(1L);
      dao.create(Map.of("id", 10, "n", 2));
      assertThat(dao.create(Map.of("n", 3)).get("id"))
          .as("greater than the explicit id 10")
          .isEqualTo(101L);
      db.automigrate("Numbered");
      assertThat(dao.create(Map.of("n", 4)).get("id")).isEqualTo(1L);
    }
  }

  @Test
  void aNewCounterStartsAfterIdsAlreadyStored() {
    try (DataSource writer = open(1)) {
      writer.dao("Numbered").create(Map.of("id", 250, "n", 0));
    }
    try (DataSource db =
        DataSources.create(
            "ids", Map.of("connector", "mongodb", "url", SERVER.url(), "idBlockSize", 100))) {
      db.define(MODEL);
      Dao dao = db.dao("Numbered");
      // The counter already says 250 (raised by the explicit id), so the block is 251-350.
      assertThat(dao.create(Map.of("n", 1)).get("id")).isEqualTo(251L);
      assertThat(dao.create(Map.of("n", 2)).get("id")).isEqualTo(252L);
    }
  }

  @Test
  void aBlockSizeBelowOneIsAConfigurationError() {
    assertThatThrownBy(
            () ->
                DataSources.create(
                    "ids", Map.of("connector", "mongodb", "url", SERVER.url(), "idBlockSize", 0)))
        .isInstanceOf(ConnectorException.class)
        .satisfies(
            e ->
                assertThat(((ConnectorException) e).code())
                    .isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("idBlockSize")
        .hasMessageContaining("from 1 to")
        .hasMessageContaining("got \"0\"");
  }
}
