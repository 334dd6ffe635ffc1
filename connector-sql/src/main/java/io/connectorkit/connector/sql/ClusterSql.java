package io.connectorkit.connector.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * What replication looks like in SQL, per backend: the primary's position after a write, waiting
 * for it on a replica, a replica's lag, and whether a server takes writes. Kept out of the dialects
 * so that replication stays one seam (docs/scaling.md).
 */
interface ClusterSql {

  /** The SQL of the backend a dialect's {@code settingsKey()} names, or null when none is known. */
  static @Nullable ClusterSql of(String settingsKey) {
    return switch (settingsKey) {
      case "mysql" -> new MariaDb();
      case "postgresql" -> new Postgres();
      default -> null;
    };
  }

  /** The primary's position after this connection's last write; null when unknown. */
  @Nullable String position(Connection connection) throws SQLException;

  /** Waits at most {@code timeoutMillis} until the replica applied {@code position}. */
  boolean waitFor(Connection connection, String position, long timeoutMillis) throws SQLException;

  /** How far the replica lags, in ms; {@link Long#MAX_VALUE} when it does not apply changes. */
  long lagMillis(Connection connection) throws SQLException;

  /** Whether the server behind {@code connection} takes writes. */
  boolean isPrimary(Connection connection) throws SQLException;

  /** The later of two positions. */
  String later(String a, String b);

  /** MariaDB: GTIDs ({@code domain-server-sequence}), MASTER_GTID_WAIT, SHOW SLAVE STATUS. */
  final class MariaDb implements ClusterSql {
    @Override
    public @Nullable String position(Connection connection) throws SQLException {
      // The session's own last GTID is exactly this write's; a session that wrote nothing (an
      // update that matched no row) falls back to everything the primary has logged.
      String gtid = single(connection, "SELECT @@session.last_gtid");
      return gtid == null || gtid.isEmpty()
          ? single(connection, "SELECT @@global.gtid_binlog_pos")
          : gtid;
    }

    @Override
    public boolean waitFor(Connection connection, String position, long timeoutMillis)
        throws SQLException {
      try (PreparedStatement wait = connection.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
        wait.setString(1, position);
        wait.setDouble(2, timeoutMillis / 1000.0);
        try (ResultSet rs = wait.executeQuery()) {
          return rs.next() && rs.getInt(1) == 0;
        }
      }
    }

    @Override
    public long lagMillis(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SHOW SLAVE STATUS")) {
        if (!rs.next()) {
          return 0; // not replicating: a promoted primary
        }
        long seconds = rs.getLong("Seconds_Behind_Master");
        // NULL while the SQL thread is stopped: it applies nothing, so it lags without bound.
        return rs.wasNull() ? Long.MAX_VALUE : seconds * 1000;
      }
    }

    @Override
    public boolean isPrimary(Connection connection) throws SQLException {
      return "0".equals(single(connection, "SELECT @@global.read_only"));
    }

    @Override
    public String later(String a, String b) {
      return sequence(b) >= sequence(a) ? b : a;
    }

    private static long sequence(String gtids) {
      long max = -1;
      for (String gtid : gtids.split(",", -1)) {
        String seq = gtid.substring(gtid.lastIndexOf('-') + 1).trim();
        try {
          max = Math.max(max, Long.parseLong(seq));
        } catch (NumberFormatException e) {
          // not a GTID: keeps the other position
        }
      }
      return max;
    }
  }

  /** PostgreSQL: WAL LSNs, replay polled on the standby, pg_is_in_recovery. */
  final class Postgres implements ClusterSql {
    @Override
    public @Nullable String position(Connection connection) throws SQLException {
      return single(connection, "SELECT pg_current_wal_lsn()::text");
    }

    @Override
    public boolean waitFor(Connection connection, String position, long timeoutMillis)
        throws SQLException {
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
      try (PreparedStatement check =
          connection.prepareStatement(
              "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
        check.setString(1, position);
        while (true) {
          try (ResultSet rs = check.executeQuery()) {
            if (rs.next() && rs.getBoolean(1)) {
              return true;
            }
          }
          if (System.nanoTime() >= deadline) {
            return false;
          }
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
      }
    }

    @Override
    public long lagMillis(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
                      + " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                      + " ELSE (EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"
                      + " * 1000)::bigint END")) {
        rs.next();
        long lag = rs.getLong(1);
        // Received but never replayed anything: it applies nothing.
        return rs.wasNull() ? Long.MAX_VALUE : lag;
      }
    }

    @Override
    public boolean isPrimary(Connection connection) throws SQLException {
      return "false".equals(single(connection, "SELECT pg_is_in_recovery()::text"));
    }

    @Override
    public String later(String a, String b) {
      return lsn(b) >= lsn(a) ? b : a;
    }

    private static long lsn(String text) {
      int slash = text.indexOf('/');
      return slash < 0
          ? -1
          : (Long.parseLong(text.substring(0, slash), 16) << 32)
              | Long.parseLong(text.substring(slash + 1), 16);
    }
  }

  /** The first column of the first row of a query, or null when it answers no row (or NULL). */
  private static @Nullable String single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
