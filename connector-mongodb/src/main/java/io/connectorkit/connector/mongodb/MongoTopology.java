package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import org.bson.Document;

/**
 * What the server's {@code hello} (formerly {@code isMaster}) answer says about transactions.
 * MongoDB runs multi-document transactions on a replica set member (4.0+, wire version 7) and
 * through a mongos of a sharded cluster (4.2+, wire version 8), and only where logical sessions
 * exist ({@code logicalSessionTimeoutMinutes}); a standalone server has neither.
 */
final class MongoTopology {
  static final int REPLICA_SET_TRANSACTIONS_WIRE_VERSION = 7;
  static final int SHARDED_TRANSACTIONS_WIRE_VERSION = 8;

  private MongoTopology() {}

  /**
   * Whether a server answering {@code hello} this way runs multi-document transactions.
   *
   * @param hello the answer of {@code {"hello": 1}} or {@code {"isMaster": 1}}; not null
   */
  static boolean supportsTransactions(Document hello) {
    requireNonNull(hello, "hello is null");
    if (hello.get("logicalSessionTimeoutMinutes") == null) {
      return false; // no sessions, no transactions
    }
    int wireVersion = hello.get("maxWireVersion") instanceof Number number ? number.intValue() : 0;
    if (hello.get("setName") != null) {
      return wireVersion >= REPLICA_SET_TRANSACTIONS_WIRE_VERSION;
    }
    if ("isdbgrid".equals(hello.get("msg"))) {
      return wireVersion >= SHARDED_TRANSACTIONS_WIRE_VERSION;
    }
    return false; // a standalone server
  }
}
