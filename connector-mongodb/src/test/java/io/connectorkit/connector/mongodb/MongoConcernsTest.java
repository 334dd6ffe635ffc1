package io.connectorkit.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LoopBack's cluster keys mapped onto the driver's read preference, read and write concern and
 * causally consistent sessions, for the datasource and per operation; run against mongo-java-server
 * for what it supports (sessions).
 */
class MongoConcernsTest {
  private static MongoServerFixture server;

  @BeforeAll
  static void start() {
    server = new MongoServerFixture("concerns");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static MongoConcerns concerns(Map<String, Object> settings) {
    return MongoConcerns.from(Settings.of(settings));
  }

  private static void assertInvalid(Map<String, Object> settings, String... named) {
    assertThatThrownBy(() -> concerns(settings))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .message()
        .contains(named);
  }

  @Test
  void readPreferenceNamesMapOntoTheDriversReadPreference() {
    for (String name :
        List.of("primary", "primaryPreferred", "secondary", "secondaryPreferred", "nearest")) {
      assertThat(concerns(Map.of("readPreference", name)).readPreference())
          .isEqualTo(ReadPreference.valueOf(name));
    }
    assertInvalid(Map.of("readPreference", "fastest"), "\"readPreference\"", "nearest", "fastest");
  }

  @Test
  void readConcernIsALevelOrAnObjectWithOne() {
    assertThat(concerns(Map.of("readConcern", "majority")).readConcern())
        .isEqualTo(ReadConcern.MAJORITY);
    assertThat(concerns(Map.of("readConcern", Map.of("level", "linearizable"))).readConcern())
        .isEqualTo(ReadConcern.LINEARIZABLE);
    assertInvalid(Map.of("readConcern", "eventual"), "\"readConcern\"", "majority", "snapshot");
    assertInvalid(Map.of("readConcern", Map.of("level", 3)), "\"readConcern\"");
  }

  @Test
  void writeConcernObjectAndLoopBacksOlderKeysMapOntoOneWriteConcern() {
    assertThat(
            concerns(Map.of("writeConcern", Map.of("w", "majority", "j", true, "wtimeout", 500)))
                .writeConcern())
        .isEqualTo(
            WriteConcern.MAJORITY.withJournal(true).withWTimeout(500, TimeUnit.MILLISECONDS));
    assertThat(concerns(Map.of("w", 2, "j", "false", "wtimeout", "250")).writeConcern())
        .isEqualTo(new WriteConcern(2).withJournal(false).withWTimeout(250, TimeUnit.MILLISECONDS));
    assertThat(concerns(Map.of("writeConcern", "majority")).writeConcern())
        .isEqualTo(WriteConcern.MAJORITY);
    assertThat(concerns(Map.of("writeConcern", "dc-east")).writeConcern())
        .isEqualTo(new WriteConcern("dc-east"));
    assertThat(concerns(Map.of()).writeConcern()).isNull();
  }

  @Test
  void badWriteConcernValuesNameTheirKeyAndTheAllowedValues() {
    assertInvalid(Map.of("w", 1.5), "\"w\"", "majority");
    assertInvalid(Map.of("writeConcern", Map.of("w", -1)), "\"writeConcern.w\"", "from 0");
    assertInvalid(
        Map.of("writeConcern", Map.of("w", 1, "wtimeout", -5)),
        "\"writeConcern.wtimeout\"",
        "from 0 to");
    assertInvalid(
        Map.of("writeConcern", Map.of("j", "sometimes")), "\"writeConcern.j\"", "boolean");
    assertInvalid(Map.of("wtimeout", "soon"), "\"wtimeout\"", "integer");
    assertInvalid(Map.of("causalConsistency", "yes"), "\"causalConsistency\"", "boolean");
  }

  @Test
  void operationConcernsReplaceTheDatasourcesOnesPerKey() {
    MongoConcerns datasource =
        concerns(Map.of("readPreference", "secondary", "writeConcern", "majority"));
    MongoConcerns merged = concerns(Map.of("readPreference", "nearest")).orElse(datasource);
    assertThat(merged.readPreference()).isEqualTo(ReadPreference.nearest());
    assertThat(merged.writeConcern()).isEqualTo(WriteConcern.MAJORITY);
    assertThat(merged.causal()).isFalse();
  }

  @Test
  void datasourceConcernsAreTheDatabasesAndInvalidOnesFailCreatingTheDatasource() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("connector", "mongodb");
    settings.put("url", server.url());
    settings.put("readPreference", "secondaryPreferred");
    settings.put("readConcern", Map.of("level", "local"));
    settings.put("writeConcern", Map.of("w", 1, "j", true));
    try (DataSource db = DataSources.create("concerns", settings)) {
      MongoConnector connector = (MongoConnector) db.unwrap(Connector.class);
      assertThat(connector.db().getReadPreference()).isEqualTo(ReadPreference.secondaryPreferred());
      assertThat(connector.db().getReadConcern()).isEqualTo(ReadConcern.LOCAL);
      assertThat(connector.db().getWriteConcern()).isEqualTo(WriteConcern.W1.withJournal(true));
    }
    settings.put("readPreference", "anywhere");
    assertThatThrownBy(() -> DataSources.create("concerns", settings).close())
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("\"readPreference\"");
  }

  @Test
  void perOperationOptionsReachTheDriverAndABadOneIsTheCallersError() {
    try (DataSource db =
        DataSources.create("concerns", Map.of("connector", "mongodb", "url", server.url()))) {
      MongoConnector connector = (MongoConnector) db.unwrap(Connector.class);
      MongoIo io =
          connector.io(
              Options.NONE.with("readPreference", "nearest").with("readConcern", "majority"));
      assertThat(io.concerns().readPreference()).isEqualTo(ReadPreference.nearest());
      assertThat(io.concerns().readConcern()).isEqualTo(ReadConcern.MAJORITY);
      assertThat(io.causal()).isFalse();
      assertThat(connector.io(Options.NONE)).isSameAs(MongoIo.NONE);
      // Keys the connector does not read are left alone.
      assertThat(connector.io(Options.NONE.with("traceId", "t1"))).isSameAs(MongoIo.NONE);

      db.define("{\"name\": \"Item\", \"properties\": {\"n\": \"number\"}}");
      Dao items = db.dao("Item");
      assertThatThrownBy(
              () -> items.find(null, Options.NONE.with("writeConcern", Map.of("w", "x", "j", 3))))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessageContaining("option \"writeConcern.j\"");
    }
  }

  @Test
  void theTypedReadPreferenceOfOptionsMapsOntoMongosModesAndAPerCallSettingWins() {
    try (DataSource db =
        DataSources.create("concerns", Map.of("connector", "mongodb", "url", server.url()))) {
      MongoConnector connector = (MongoConnector) db.unwrap(Connector.class);

      assertThat(
              connector
                  .io(
                      Options.NONE.withReadPreference(
                          io.connectorkit.core.common.ReadPreference.REPLICA))
                  .concerns()
                  .readPreference())
          .isEqualTo(ReadPreference.secondary());
      assertThat(
              connector
                  .io(
                      Options.NONE.withReadPreference(
                          io.connectorkit.core.common.ReadPreference.REPLICA_PREFERRED))
                  .concerns()
                  .readPreference())
          .isEqualTo(ReadPreference.secondaryPreferred());
      assertThat(
              connector
                  .io(
                      Options.NONE
                          .withReadPreference(io.connectorkit.core.common.ReadPreference.PRIMARY)
                          .with("readPreference", "nearest"))
                  .concerns()
                  .readPreference())
          .isEqualTo(ReadPreference.nearest());
    }
  }

  /**
   * mongo-java-server runs no sessions: a single server is causally consistent by itself, so the
   * setting is accepted and asks for no session (the replica set test checks the sessions).
   */
  @Test
  void causalConsistencyOnAServerWithoutSessionsNeedsNone() {
    try (DataSource db =
        DataSources.create(
            "concerns",
            Map.of("connector", "mongodb", "url", server.url(), "causalConsistency", true))) {
      MongoConnector connector = (MongoConnector) db.unwrap(Connector.class);
      db.define("{\"name\": \"Causal\", \"properties\": {\"n\": \"number\"}}");
      db.automigrate("Causal");
      Dao dao = db.dao("Causal");
      assertThat(connector.io(Options.NONE).causal()).isFalse();
      assertThat(connector.io(Options.NONE.with("causalConsistency", false)).causal()).isFalse();
      Map<String, Object> created = dao.create(Map.of("n", 1));
      assertThat(dao.findById(created.get("id"))).isPresent();
      dao.updateAll(null, Map.of("n", 2));
      assertThat(dao.count(null)).isEqualTo(1);
      assertThat(dao.find(null).get(0)).containsEntry("n", 2L);
    }
  }
}
