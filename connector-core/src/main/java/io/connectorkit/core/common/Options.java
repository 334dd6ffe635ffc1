package io.connectorkit.core.common;

import java.util.Optional;

/**
 * Per-call options of DAO and connector operations.
 *
 * @param transaction the transaction the operation joins, or null for none
 * @param readPreference which server answers a read outside a transaction on a replicated
 *     datasource, or null for the datasource's {@code readPreference}; connectors without replicas
 *     ignore it
 * @param causalToken the caller's causal position: writes advance it, reads wait for it; null to
 *     use the datasource's own position (its {@code causalReads} setting)
 */
public record Options(
    Transaction transaction, ReadPreference readPreference, CausalToken causalToken) {
  /** No transaction. */
  public static final Options NONE = new Options(null, null, null);

  /**
   * Options joining {@code transaction}, with the datasource's read preference.
   *
   * @param transaction null for none
   */
  public Options(Transaction transaction) {
    this(transaction, null, null);
  }

  /** Options joining {@code transaction}; {@link #NONE} when it is null. */
  public static Options of(Transaction transaction) {
    return transaction == null ? NONE : new Options(transaction);
  }

  /** The transaction, or empty for none. */
  public Optional<Transaction> optionalTransaction() {
    return Optional.ofNullable(transaction);
  }

  /**
   * These options with another read preference.
   *
   * @param preference null for the datasource's
   */
  public Options withReadPreference(ReadPreference preference) {
    return new Options(transaction, preference, causalToken);
  }

  /**
   * These options with a causal token: reads wait for the writes made with the same token.
   *
   * @param token null for the datasource's own position
   */
  public Options withCausalToken(CausalToken token) {
    return new Options(transaction, readPreference, token);
  }
}
