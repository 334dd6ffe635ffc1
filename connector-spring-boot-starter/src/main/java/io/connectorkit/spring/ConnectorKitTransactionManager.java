package io.connectorkit.spring;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Transaction;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's transaction management on one ConnectorKit datasource: a Spring transaction begins,
 * commits and rolls back a ConnectorKit {@link Transaction}, bound to the thread under the {@link
 * DataSource} as resource key. The datasource's {@linkplain DataSource#setTransactionProvider
 * transaction provider} ({@link #current}) hands that transaction to every repository and DAO call
 * made on the thread meanwhile.
 *
 * <p>Propagation REQUIRED, REQUIRES_NEW (the outer transaction is suspended), SUPPORTS,
 * NOT_SUPPORTED, MANDATORY and NEVER work; NESTED is refused, as ConnectorKit has no savepoints.
 * Read-only is not enforced. A ConnectorKit failure to begin is a {@link
 * CannotCreateTransactionException}, to commit or roll back a {@link TransactionSystemException};
 * the {@link ConnectorException} with its contract code is the cause.
 */
final class ConnectorKitTransactionManager extends AbstractPlatformTransactionManager
    implements ResourceTransactionManager {
  private static final long serialVersionUID = 1L;

  private final transient DataSource dataSource;

  ConnectorKitTransactionManager(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    setNestedTransactionAllowed(false);
  }

  /**
   * The ConnectorKit transaction of the Spring transaction running on this thread for {@code
   * dataSource}, or null.
   */
  static @Nullable Transaction current(DataSource dataSource) {
    Object holder = TransactionSynchronizationManager.getResource(dataSource);
    return holder instanceof Holder bound ? bound.transaction : null;
  }

  @Override
  public Object getResourceFactory() {
    return dataSource;
  }

  @Override
  protected Object doGetTransaction() {
    return new TransactionObject(
        (Holder) TransactionSynchronizationManager.getResource(dataSource));
  }

  @Override
  protected boolean isExistingTransaction(Object transaction) {
    return ((TransactionObject) transaction).holder != null;
  }

  @Override
  protected void doBegin(Object transaction, TransactionDefinition definition) {
    int seconds = determineTimeout(definition);
    Duration timeout =
        seconds == TransactionDefinition.TIMEOUT_DEFAULT ? null : Duration.ofSeconds(seconds);
    Transaction begun;
    try {
      begun = dataSource.beginTransaction(isolation(definition.getIsolationLevel()), timeout);
    } catch (ConnectorException e) {
      throw new CannotCreateTransactionException(
          "datasource \"" + dataSource.name() + "\": cannot begin a transaction: " + e.getMessage(),
          e);
    }
    Holder holder = new Holder(begun);
    ((TransactionObject) transaction).holder = holder;
    TransactionSynchronizationManager.bindResource(dataSource, holder);
  }

  @Override
  protected Object doSuspend(Object transaction) {
    ((TransactionObject) transaction).holder = null;
    return TransactionSynchronizationManager.unbindResource(dataSource);
  }

  @Override
  protected void doResume(Object transaction, Object suspendedResources) {
    TransactionSynchronizationManager.bindResource(dataSource, suspendedResources);
  }

  @Override
  protected void doCommit(DefaultTransactionStatus status) {
    Transaction tx = ((TransactionObject) status.getTransaction()).begun().transaction;
    try {
      tx.commit();
    } catch (ConnectorException e) {
      throw new TransactionSystemException(
          "datasource \"" + dataSource.name() + "\": commit failed: " + e.getMessage(), e);
    }
  }

  @Override
  protected void doRollback(DefaultTransactionStatus status) {
    Transaction tx = ((TransactionObject) status.getTransaction()).begun().transaction;
    // A transaction that timed out was rolled back by ConnectorKit already.
    if (!tx.isActive()) {
      return;
    }
    try {
      tx.rollback();
    } catch (ConnectorException e) {
      throw new TransactionSystemException(
          "datasource \"" + dataSource.name() + "\": rollback failed: " + e.getMessage(), e);
    }
  }

  @Override
  protected void doSetRollbackOnly(DefaultTransactionStatus status) {
    ((TransactionObject) status.getTransaction()).begun().rollbackOnly = true;
  }

  @Override
  protected void doCleanupAfterCompletion(Object transaction) {
    Holder holder = ((TransactionObject) transaction).holder;
    TransactionSynchronizationManager.unbindResourceIfPossible(dataSource);
    if (holder != null) {
      holder.transaction.close();
    }
  }

  @Override
  public String toString() {
    return "ConnectorKitTransactionManager[" + dataSource.name() + "]";
  }

  private static IsolationLevel isolation(int spring) {
    return switch (spring) {
      case TransactionDefinition.ISOLATION_READ_UNCOMMITTED -> IsolationLevel.READ_UNCOMMITTED;
      case TransactionDefinition.ISOLATION_REPEATABLE_READ -> IsolationLevel.REPEATABLE_READ;
      case TransactionDefinition.ISOLATION_SERIALIZABLE -> IsolationLevel.SERIALIZABLE;
        // ISOLATION_DEFAULT: ConnectorKit's default (CONTRACT C8).
      default -> IsolationLevel.READ_COMMITTED;
    };
  }

  /** The transaction bound to the thread, and whether a participant marked it rollback-only. */
  private static final class Holder {
    private final Transaction transaction;
    private volatile boolean rollbackOnly;

    private Holder(Transaction transaction) {
      this.transaction = transaction;
    }
  }

  /** Spring's per-call view of the transaction: the holder, or null before one is begun. */
  private static final class TransactionObject implements SmartTransactionObject {
    private @Nullable Holder holder;

    private TransactionObject(@Nullable Holder holder) {
      this.holder = holder;
    }

    /** The holder; Spring commits, rolls back and marks only a transaction that was begun. */
    Holder begun() {
      return requireNonNull(holder, "no transaction begun");
    }

    @Override
    public boolean isRollbackOnly() {
      return holder != null && holder.rollbackOnly;
    }

    @Override
    public void flush() {}
  }
}
