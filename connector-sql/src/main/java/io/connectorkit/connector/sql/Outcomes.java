package io.connectorkit.connector.sql;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a failure means for the caller (docs/contract.md C5, outcome of a failed write; C6, bounded
 * waits): whether a write took effect, whether a wait ran out, and whether a connection is dead.
 */
final class Outcomes {
  /** The write provably never took effect: never sent, or its transaction was rolled back. */
  static final String NOT_APPLIED = "not_applied";

  /** The write may have taken effect: the connection broke after it was sent, or during commit. */
  static final String UNKNOWN = "unknown";

  private Outcomes() {}

  /**
   * {@code e} with {@code details.outcome} when it is a {@code CONNECTION_FAILED} or {@code
   * TIMEOUT} (the codes whose outcome a client cannot otherwise tell), else {@code e} itself. An
   * outcome already given is kept: the innermost step knows best.
   */
  static ConnectorException withOutcome(ConnectorException e, String outcome) {
    if (e.details().containsKey("outcome")) {
      return e;
    }
    return replaceOutcome(e, outcome);
  }

  /**
   * {@code e} with {@code outcome}, replacing one a statement set: a statement whose connection
   * broke inside the connector's own transaction may have reached the server ("unknown"), but that
   * transaction never committed, so the write as a whole provably did not happen ("not_applied").
   */
  static ConnectorException replaceOutcome(ConnectorException e, String outcome) {
    if (e.code() != ErrorCode.CONNECTION_FAILED && e.code() != ErrorCode.TIMEOUT) {
      return e;
    }
    Map<String, Object> details = new LinkedHashMap<>(e.details());
    details.put("outcome", outcome);
    ConnectorException marked =
        new ConnectorException(e.code(), e.getMessage(), details, e.getCause());
    marked.setStackTrace(e.getStackTrace());
    for (Throwable suppressed : e.getSuppressed()) {
      marked.addSuppressed(suppressed);
    }
    return marked;
  }

  /**
   * Whether a driver error is a socket read that ran out of time: the driver's network timeout (the
   * {@code queryTimeout} setting) or a {@code socketTimeout} driver property fired.
   */
  static boolean socketTimedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The SQLState of a driver error, or {@code 08003} (connection does not exist) for the pool's
   * "Connection is closed", which HikariCP throws without any, so it reads as the connection
   * failure it is rather than a backend error.
   */
  static String sqlState(SQLException e) {
    if (e.getSQLState() == null && "Connection is closed".equals(e.getMessage())) {
      return "08003";
    }
    return e.getSQLState();
  }
}
