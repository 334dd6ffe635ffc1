package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.connectorkit.core.common.CausalToken;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.ReadPreference;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the reads of a replicated datasource (docs/scaling.md): outside a transaction, by the read
 * preference, round robin over the replicas that answer, lag at most {@code maxReplicaLag} and have
 * applied the caller's causal position; a replica that fails is left out for {@code replicaRetry}
 * ms, one that lags until its lag is measured again. One HikariCP pool per replica. Also keeps the
 * datasource's causal position: the primary's replication position after each write.
 */
final class ReplicaRouter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplicaRouter.class);

  /** A replica connection and the replica it came from; the caller closes the connection. */
  record Routed(Connection connection, Replica replica) {}

  /** One replica: its pool and whether it is in rotation. */
  static final class Replica {
    final String server;
    final HikariDataSource pool;
    volatile long outUntil;
    volatile long lagCheckedAt;
    volatile long lag;

    Replica(String server, HikariDataSource pool) {
      this.server = server;
      this.pool = pool;
    }
  }

  private final String name;
  private final ClusterSettings cluster;
  private final ClusterSql sql;
  private final List<Replica> replicas = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicReference<String> position = new AtomicReference<>();
  private final long lagRecheckMillis;

  ReplicaRouter(String name, ClusterSettings cluster, ClusterSql sql, JdbcSettings jdbc) {
    this.name = requireNonNull(name, "name is null");
    this.cluster = requireNonNull(cluster, "cluster is null");
    this.sql = requireNonNull(sql, "sql is null");
    this.lagRecheckMillis = Math.max(100, Math.min(1000, cluster.maxReplicaLag() / 2));
    for (JdbcEndpoint endpoint : cluster.replicas()) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(endpoint.jdbcUrl(jdbc.subprotocol(), endpoint.database()));
      config.setUsername(endpoint.user());
      config.setPassword(endpoint.password());
      config.setDataSourceProperties(jdbc.properties());
      config.setMaximumPoolSize(jdbc.connectionLimit());
      // A replica that is down must not hold up connect or a read: no connection is required up
      // front, and a borrow gives up quickly so that the read moves on.
      config.setMinimumIdle(0);
      config.setInitializationFailTimeout(-1);
      config.setConnectionTimeout(Math.min(jdbc.connectionTimeout(), 1000));
      config.setValidationTimeout(Math.min(jdbc.validationTimeout(), 1000));
      String server = endpoint.host() + ":" + endpoint.port();
      config.setPoolName("connectorkit-" + name + "-replica-" + server);
      replicas.add(new Replica(server, new HikariDataSource(config)));
    }
  }

  /**
   * The write pool's connections: whichever configured server is the primary now.
   *
   * @param servers the primary's endpoint, then the replicas'
   */
  static DataSource primaries(
      JdbcSettings jdbc, ClusterSql sql, List<JdbcEndpoint> servers, Properties properties) {
    JdbcEndpoint primary = servers.get(0);
    properties.setProperty("user", primary.user());
    properties.setProperty("password", primary.password());
    if (sql instanceof ClusterSql.Postgres) {
      // pgjdbc finds the primary among the hosts itself, and looks again after a second.
      StringBuilder hosts = new StringBuilder();
      for (JdbcEndpoint server : servers) {
        hosts.append(hosts.length() == 0 ? "" : ",").append(server.host()).append(':');
        hosts.append(server.port());
      }
      properties.setProperty("targetServerType", "primary");
      properties.setProperty("hostRecheckSeconds", "1");
      String url = "jdbc:" + jdbc.subprotocol() + "://" + hosts + "/" + primary.database();
      return new PrimaryDataSource(List.of(url), properties, null);
    }
    List<String> urls = new ArrayList<>();
    for (JdbcEndpoint server : servers) {
      urls.add(server.jdbcUrl(jdbc.subprotocol(), server.database()));
    }
    return new PrimaryDataSource(urls, properties, sql);
  }

  /**
   * A replica connection for a read outside a transaction, or null to read on the primary.
   *
   * @throws ConnectorException CONNECTION_FAILED for preference {@code replica} when no replica is
   *     in rotation
   */
  @Nullable Routed read(Options options) {
    ReadPreference preference =
        options.readPreference() != null ? options.readPreference() : cluster.readPreference();
    if (preference == ReadPreference.PRIMARY) {
      return null;
    }
    CausalToken token = options.causalToken();
    String after = token != null ? token.position() : cluster.causalReads() ? position.get() : null;
    int start = Math.floorMod(next.getAndIncrement(), replicas.size());
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < replicas.size(); i++) {
      Replica replica = replicas.get((start + i) % replicas.size());
      long now = System.currentTimeMillis();
      if (replica.outUntil > now) {
        skipped.add(replica.server + " out of rotation");
        continue;
      }
      Connection connection;
      try {
        connection = replica.pool.getConnection();
      } catch (SQLException e) {
        failed(replica, e);
        skipped.add(replica.server + " failed");
        continue;
      }
      try {
        if (cluster.maxReplicaLag() > 0 && now - replica.lagCheckedAt >= lagRecheckMillis) {
          replica.lag = sql.lagMillis(connection);
          replica.lagCheckedAt = now;
        }
        if (cluster.maxReplicaLag() > 0 && replica.lag > cluster.maxReplicaLag()) {
          replica.outUntil = replica.lagCheckedAt + lagRecheckMillis;
          log.debug(
              "{}: replica {} lags {} ms; no reads for now",
              name,
              replica.server,
              lagText(replica.lag));
          skipped.add(replica.server + " lags");
          connection.close();
          continue;
        }
        if (after != null && !sql.waitFor(connection, after, cluster.causalWaitTimeout())) {
          // Waiting longer on another replica would only add up: the primary has the write.
          log.debug(
              "{}: replica {} did not reach {} in time; reading on the primary",
              name,
              replica.server,
              after);
          connection.close();
          return null;
        }
        return new Routed(connection, replica);
      } catch (SQLException e) {
        failed(replica, e);
        skipped.add(replica.server + " failed");
        try {
          connection.close();
        } catch (SQLException ignored) {
          // the pool discards it
        }
      }
    }
    if (preference == ReadPreference.REPLICA) {
      throw new ConnectorException(
          ErrorCode.CONNECTION_FAILED,
          name + ": no replica can serve a read (readPreference replica): " + skipped);
    }
    return null;
  }

  private static String lagText(long lag) {
    return lag == Long.MAX_VALUE ? "without bound" : String.valueOf(lag);
  }

  /** Leaves a replica out of rotation for {@code replicaRetry} ms after a failure. */
  void failed(Replica replica, Exception cause) {
    replica.outUntil = System.currentTimeMillis() + cluster.replicaRetry();
    log.warn(
        "{}: replica {} failed; out of rotation for {} ms: {}",
        name,
        replica.server,
        cluster.replicaRetry(),
        cause.getMessage());
  }

  /**
   * Keeps the primary's position after a write on {@code connection}: in the caller's token when it
   * carries one, else in the datasource's.
   */
  void wrote(Connection connection, Options options) {
    if (options.causalToken() == null && !cluster.causalReads()) {
      return;
    }
    String seen;
    try {
      seen = sql.position(connection);
    } catch (SQLException e) {
      log.debug("{}: reading the replication position failed: {}", name, e.getMessage());
      return;
    }
    if (seen == null || seen.isEmpty()) {
      return;
    }
    if (options.causalToken() != null) {
      options.causalToken().advance(seen, sql::later);
    } else {
      position.accumulateAndGet(seen, (old, now) -> old == null ? now : sql.later(old, now));
    }
  }

  @Override
  public void close() {
    for (Replica replica : replicas) {
      replica.pool.close();
    }
  }
}
