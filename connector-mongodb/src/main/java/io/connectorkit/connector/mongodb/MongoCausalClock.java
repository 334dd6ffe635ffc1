package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.ClientSessionOptions;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.jspecify.annotations.Nullable;

/**
 * The latest operation and cluster time a datasource has seen, so that every causally consistent
 * session it starts reads after the writes it made before (read your writes, monotonic reads), on
 * any member and from any thread. A session per call: the driver's {@link ClientSession} is not
 * thread-safe, and the server pools the sessions behind it.
 */
final class MongoCausalClock {
  private final MongoClient client;
  private @Nullable BsonTimestamp operationTime;
  private @Nullable BsonDocument clusterTime;

  MongoCausalClock(MongoClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  /** A causally consistent session that starts after everything this clock has seen. */
  synchronized ClientSession start() {
    ClientSession session =
        client.startSession(ClientSessionOptions.builder().causallyConsistent(true).build());
    if (clusterTime != null) {
      session.advanceClusterTime(clusterTime);
    }
    if (operationTime != null) {
      session.advanceOperationTime(operationTime);
    }
    return session;
  }

  /** Moves the clock to the session's times when they are later. */
  synchronized void observe(ClientSession session) {
    BsonTimestamp seen = session.getOperationTime();
    if (seen != null && (operationTime == null || seen.compareTo(operationTime) > 0)) {
      operationTime = seen;
    }
    BsonDocument cluster = session.getClusterTime();
    if (cluster != null && (clusterTime == null || later(cluster, clusterTime))) {
      clusterTime = cluster;
    }
  }

  /** The operation time last seen, or null before the first causal call. */
  synchronized @Nullable BsonTimestamp operationTime() {
    return operationTime;
  }

  private static boolean later(BsonDocument candidate, BsonDocument current) {
    if (!candidate.isTimestamp("clusterTime") || !current.isTimestamp("clusterTime")) {
      return candidate.isTimestamp("clusterTime");
    }
    return candidate.getTimestamp("clusterTime").compareTo(current.getTimestamp("clusterTime")) > 0;
  }
}
