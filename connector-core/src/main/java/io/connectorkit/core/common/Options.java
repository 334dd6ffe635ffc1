package io.connectorkit.core.common;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Per-call options of DAO and connector operations.
 *
 * <p>Besides the transaction, an operation may carry where its reads go on a replicated datasource
 * ({@code readPreference}, {@code causalToken}; every connector with replicas reads them the same
 * way) and settings for this call only, keyed like the connector's datasource settings (for example
 * MongoDB's {@code readConcern} or {@code writeConcern}): the connector validates the keys it reads
 * and leaves the others alone, so the same options can be passed to any datasource.
 *
 * @param transaction the transaction the operation joins, or null for none
 * @param readPreference which server answers a read outside a transaction on a replicated
 *     datasource, or null for the datasource's {@code readPreference}; connectors without replicas
 *     ignore it
 * @param causalToken the caller's causal position: writes advance it, reads wait for it; null to
 *     use the datasource's own position (its {@code causalReads} setting)
 * @param settings this call's settings, never null (unmodifiable)
 */
public record Options(
    @Nullable Transaction transaction,
    @Nullable ReadPreference readPreference,
    @Nullable CausalToken causalToken,
    Map<String, Object> settings) {
  /** No transaction, the datasource's read preference, no per-call settings. */
  public static final Options NONE = new Options(null, null, null, Map.of());

  /**
   * Options with every part given.
   *
   * @throws NullPointerException for null settings or a null settings key
   */
  public Options {
    requireNonNull(settings, "settings is null");
    if (!settings.isEmpty()) {
      Map<String, Object> copy = new LinkedHashMap<>();
      settings.forEach(
          (key, value) -> {
            if (value != null) {
              copy.put(requireNonNull(key, "settings key is null"), value);
            }
          });
      settings = Collections.unmodifiableMap(copy);
    } else {
      settings = Map.of();
    }
  }

  /**
   * Options joining {@code transaction}, with the datasource's read preference and no per-call
   * settings.
   *
   * @param transaction the transaction, or null for none
   */
  public Options(@Nullable Transaction transaction) {
    this(transaction, null, null, Map.of());
  }

  /** Options joining {@code transaction}; {@link #NONE} when it is null. */
  public static Options of(@Nullable Transaction transaction) {
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
   * @return new options; these are not changed
   */
  public Options withReadPreference(@Nullable ReadPreference preference) {
    return new Options(transaction, preference, causalToken, settings);
  }

  /**
   * These options with a causal token: reads wait for the writes made with the same token.
   *
   * @param token null for the datasource's own position
   * @return new options; these are not changed
   */
  public Options withCausalToken(@Nullable CausalToken token) {
    return new Options(transaction, readPreference, token, settings);
  }

  /**
   * These options with one more per-call setting (or its value replaced; a null value removes it).
   *
   * @param key the setting's key, as the connector's datasource setting of that name
   * @param value its value for this call, or null to remove it
   * @return new options; these are not changed
   * @throws NullPointerException for a null key
   */
  public Options with(String key, @Nullable Object value) {
    requireNonNull(key, "key is null");
    Map<String, Object> next = new LinkedHashMap<>(settings);
    if (value == null) {
      next.remove(key);
    } else {
      next.put(key, value);
    }
    return new Options(transaction, readPreference, causalToken, next);
  }
}
