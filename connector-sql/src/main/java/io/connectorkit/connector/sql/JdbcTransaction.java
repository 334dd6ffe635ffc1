package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A transaction on one pooled connection. The connection goes back to the pool exactly once: at
 * commit, rollback, close or timeout, whichever comes first.
 */
final class JdbcTransaction extends Transaction {
  private final JdbcConnector owner;
  private @Nullable Connection connection;
  private boolean released;

  JdbcTransaction(JdbcConnector owner, IsolationLevel isolation, @Nullable Duration timeout) {
    super(owner, isolation, timeout);
    this.owner = owner;
  }

  /** Hands the connection over; releases it at once when the timeout already fired. */
  synchronized void attach(Connection attached) {
    this.connection = attached;
    if (!isActive()) {
      release();
    }
  }

  /** The attached connection: {@code begin} attaches it before it hands the transaction out. */
  synchronized Connection connection() {
    return requireNonNull(connection, "connection is null");
  }

  @Override
  protected void doCommit() {
    Connection attached = connection();
    try {
      attached.commit();
    } catch (SQLException e) {
      // The commit may or may not have reached the server before the connection broke.
      throw Outcomes.withOutcome(owner.translate(e, null, "commit"), Outcomes.UNKNOWN);
    }
    owner.committed(attached);
    release();
  }

  @Override
  protected void doRollback() {
    try {
      if (connection != null && !released) {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw owner.translate(e, null, "rollback");
    } finally {
      release();
    }
  }

  private synchronized void release() {
    if (released || connection == null) {
      return;
    }
    released = true;
    owner.release(connection);
  }
}
