package io.connectorkit.core.common;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Per-call options of DAO and connector operations.
 *
 * @param transaction the transaction the operation joins, or null for none
 */
public record Options(@Nullable Transaction transaction) {
  /** No transaction. */
  public static final Options NONE = new Options(null);

  /** Options joining {@code transaction}; {@link #NONE} when it is null. */
  public static Options of(Transaction transaction) {
    return transaction == null ? NONE : new Options(transaction);
  }

  /** The transaction, or empty for none. */
  public Optional<Transaction> optionalTransaction() {
    return Optional.ofNullable(transaction);
  }
}
