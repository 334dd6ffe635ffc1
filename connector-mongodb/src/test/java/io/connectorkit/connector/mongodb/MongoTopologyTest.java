package io.connectorkit.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Transaction detection on {@code hello} answers of the server kinds (synthetic documents). */
class MongoTopologyTest {
  private static Document hello(String json) {
    return Document.parse(json);
  }

  @Test
  void aReplicaSetMemberWithSessionsRunsTransactions() {
    assertThat(
            MongoTopology.supportsTransactions(
                hello(
                    "{isWritablePrimary: true, setName: 'rs0', hosts: ['a:27017'],"
                        + " logicalSessionTimeoutMinutes: 30, maxWireVersion: 21, ok: 1}")))
        .isTrue();
    // a secondary too: the driver routes the transaction to the primary
    assertThat(
            MongoTopology.supportsTransactions(
                hello(
                    "{isWritablePrimary: false, secondary: true, setName: 'rs0',"
                        + " logicalSessionTimeoutMinutes: 30, maxWireVersion: 7, ok: 1}")))
        .isTrue();
  }

  @Test
  void aMongosRunsTransactionsFromWireVersionEight() {
    assertThat(
            MongoTopology.supportsTransactions(
                hello(
                    "{isWritablePrimary: true, msg: 'isdbgrid',"
                        + " logicalSessionTimeoutMinutes: 30, maxWireVersion: 17, ok: 1}")))
        .isTrue();
    assertThat(
            MongoTopology.supportsTransactions(
                hello(
                    "{ismaster: true, msg: 'isdbgrid', logicalSessionTimeoutMinutes: 30,"
                        + " maxWireVersion: 7, ok: 1}")))
        .as("MongoDB 4.0 mongos: no sharded transactions")
        .isFalse();
  }

  @Test
  void aStandaloneServerDoesNot() {
    assertThat(
            MongoTopology.supportsTransactions(
                hello(
                    "{isWritablePrimary: true, logicalSessionTimeoutMinutes: 30,"
                        + " maxWireVersion: 21, ok: 1}")))
        .isFalse();
  }

  @Test
  void withoutSessionsOrOnOldServersThereAreNone() {
    assertThat(
            MongoTopology.supportsTransactions(
                hello("{ismaster: true, setName: 'rs0', maxWireVersion: 21, ok: 1}")))
        .as("no logicalSessionTimeoutMinutes")
        .isFalse();
    assertThat(
            MongoTopology.supportsTransactions(
                hello(
                    "{ismaster: true, setName: 'rs0', logicalSessionTimeoutMinutes: 30,"
                        + " maxWireVersion: 6, ok: 1}")))
        .as("MongoDB 3.6 replica set")
        .isFalse();
  }
}
