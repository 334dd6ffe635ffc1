package io.connectorkit.core.common;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction of one connector (docs/contract.md C8). Connectors with {@link
 * Feature#TRANSACTIONS} subclass it and implement {@link #doCommit()} and {@link #doRollback()};
 * this class owns the state machine: a finished transaction refuses further use with {@link
 * ErrorCode#TRANSACTION_NOT_ACTIVE}, a timeout rolls it back, and {@link #close()} rolls back a
 * transaction that was neither committed nor rolled back.
 */
public abstract class Transaction implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Transaction.class);

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "connectorkit-transaction-timeout");
            thread.setDaemon(true);
            return thread;
          });

  /** The states of a transaction. */
  public enum State {
    /** Open for work. */
    ACTIVE,
    /** {@link #commit()} succeeded. */
    COMMITTED,
    /** Rolled back by {@link #rollback()}, {@link #close()} or a failed {@link #commit()}. */
    ROLLED_BACK,
    /** Rolled back because its timeout expired. */
    TIMED_OUT
  }

  private final String id = UUID.randomUUID().toString();
  private final Object owner;
  private final IsolationLevel isolation;
  private final @Nullable Duration timeout;
  private final @Nullable ScheduledFuture<?> expiry;
  private State state = State.ACTIVE;

  /**
   * @param owner the connector instance that begins the transaction, never null; operations through
   *     another connector reject it with {@link ErrorCode#INVALID_ARGUMENT}
   * @param isolation never null
   * @param timeout null or zero for none; on expiry the transaction is rolled back
   */
  protected Transaction(Object owner, IsolationLevel isolation, @Nullable Duration timeout) {
    this.owner = requireNonNull(owner, "owner is null");
    this.isolation = requireNonNull(isolation, "isolation is null");
    this.timeout = timeout == null || timeout.isZero() ? null : timeout;
    this.expiry =
        this.timeout == null
            ? null
            : TIMER.schedule(this::expire, this.timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A unique id (a random UUID) naming the transaction in messages; never null. */
  public final String id() {
    return id;
  }

  /**
   * Whether {@code connector} began this transaction. The owner is held as an {@code Object} so
   * that this user-facing type does not depend on the connector SPI.
   *
   * @param connector may be null (then false)
   */
  public final boolean isOwnedBy(@Nullable Object connector) {
    return owner == connector;
  }

  /** The isolation level; never null. */
  public final IsolationLevel isolation() {
    return isolation;
  }

  /** The current state; never null. */
  public final synchronized State state() {
    return state;
  }

  /** Whether the state is {@link State#ACTIVE}. */
  public final synchronized boolean isActive() {
    return state == State.ACTIVE;
  }

  /**
   * Runs {@code work} while holding this transaction, so that a timeout or a concurrent commit
   * cannot finish it half-way.
   *
   * @param work never null
   * @return what {@code work} returns
   * @throws ConnectorException {@link ErrorCode#TRANSACTION_NOT_ACTIVE} if it has finished
   */
  public final synchronized <T> T run(Supplier<T> work) {
    checkActive();
    return work.get();
  }

  /**
   * Fails unless the transaction is active.
   *
   * @throws ConnectorException {@link ErrorCode#TRANSACTION_NOT_ACTIVE} if it has finished
   */
  public final synchronized void checkActive() {
    if (state != State.ACTIVE) {
      throw new ConnectorException(
          ErrorCode.TRANSACTION_NOT_ACTIVE,
          "transaction " + id + " is not active (" + state.name().toLowerCase(Locale.ROOT) + ")");
    }
  }

  /**
   * Makes the work visible to others. When the backend's commit fails, the transaction is rolled
   * back and the failure rethrown.
   *
   * @throws ConnectorException {@link ErrorCode#TRANSACTION_NOT_ACTIVE} if it has finished; the
   *     backend's failure
   */
  public final synchronized void commit() {
    checkActive();
    try {
      doCommit();
      state = State.COMMITTED;
    } catch (RuntimeException e) {
      // C5: a rollback failing too (the connection is dead) is attached, never thrown instead.
      try {
        doRollback();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      } finally {
        state = State.ROLLED_BACK;
      }
      throw e;
    } finally {
      cancelExpiry();
    }
  }

  /**
   * Discards the work.
   *
   * @throws ConnectorException {@link ErrorCode#TRANSACTION_NOT_ACTIVE} if it has finished
   */
  public final synchronized void rollback() {
    checkActive();
    try {
      doRollback();
    } finally {
      state = State.ROLLED_BACK;
      cancelExpiry();
    }
  }

  /** Rolls back unless committed or rolled back already; never throws for a finished one. */
  @Override
  public final synchronized void close() {
    if (state == State.ACTIVE) {
      rollback();
    }
  }

  /** Applies the work to the backend; called once, while holding this transaction. */
  protected abstract void doCommit();

  /** Discards the work and releases backend resources; called at most once. */
  protected abstract void doRollback();

  private synchronized void expire() {
    if (state == State.ACTIVE) {
      log.warn(
          "transaction {} timed out after {} ms; rolling back",
          id,
          requireNonNull(timeout, "timeout is null").toMillis());
      rollbackQuietly(State.TIMED_OUT);
    }
  }

  private void rollbackQuietly(State finalState) {
    try {
      doRollback();
    } catch (RuntimeException e) {
      log.warn("rollback of transaction {} failed", id, e);
    } finally {
      state = finalState;
    }
  }

  private void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel(false);
    }
  }

  @Override
  public String toString() {
    return "Transaction[" + id + ", " + isolation + ", " + state() + "]";
  }
}
