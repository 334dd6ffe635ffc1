package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.client.ClientSession;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Transaction;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A MongoDB multi-document transaction: one {@link ClientSession} with a started transaction,
 * threaded through every driver call of the operations that carry it ({@link MongoIo}). The session
 * is closed exactly once, at commit, rollback, close or timeout.
 */
final class MongoTransaction extends Transaction {
  private final ClientSession session;

  MongoTransaction(
      MongoConnector owner,
      IsolationLevel isolation,
      @Nullable Duration timeout,
      ClientSession session) {
    super(owner, isolation, timeout);
    this.session = requireNonNull(session, "session is null");
  }

  ClientSession session() {
    return session;
  }

  @Override
  protected void doCommit() {
    try {
      session.commitTransaction();
    } catch (RuntimeException e) {
      throw MongoErrors.map(e, "commit of transaction " + id());
    }
    session.close();
  }

  @Override
  protected void doRollback() {
    try {
      if (session.hasActiveTransaction()) {
        session.abortTransaction();
      }
    } catch (RuntimeException e) {
      throw MongoErrors.map(e, "rollback of transaction " + id());
    } finally {
      session.close();
    }
  }
}
