package io.connectorkit.core.common;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-call options of DAO and connector operations.
 *
 * <p>Besides the transaction, an operation may carry settings for this call only, keyed like the
 * connector's datasource settings (for example MongoDB's {@code readPreference} or {@code
 * writeConcern}): the connector validates the keys it reads and leaves the others alone, so the
 * same options can be passed to any datasource.
 *
 * @param transaction the transaction the operation joins, or null for none
 * @param settings this call's settings, never null (unmodifiable)
 */
public record Options(Transaction transaction, Map<String, Object> settings) {
  /** No transaction. */
  public static final Options NONE = new Options(null, Map.of());

  /**
   * Options with a transaction and per-call settings.
   *
   * @param transaction the transaction, or null
   * @param settings the per-call settings (copied; null values are kept out)
   */
  public Options {
    requireNonNull(settings, "settings is null");
    Map<String, Object> copy = new LinkedHashMap<>();
    settings.forEach(
        (key, value) -> {
          if (value != null) {
            copy.put(requireNonNull(key, "settings key is null"), value);
          }
        });
    settings = Collections.unmodifiableMap(copy);
  }

  /**
   * Options joining {@code transaction} without per-call settings.
   *
   * @param transaction the transaction, or null for none
   */
  public Options(Transaction transaction) {
    this(transaction, Map.of());
  }

  /** Options joining {@code transaction}; {@link #NONE} when it is null. */
  public static Options of(Transaction transaction) {
    return transaction == null ? NONE : new Options(transaction);
  }

  /**
   * These options with one more per-call setting (or its value replaced; a null value removes it).
   *
   * @param key the setting's key, as the connector's datasource setting of that name
   * @param value its value for this call
   * @return new options; these are not changed
   */
  public Options with(String key, Object value) {
    requireNonNull(key, "key is null");
    Map<String, Object> next = new LinkedHashMap<>(settings);
    if (value == null) {
      next.remove(key);
    } else {
      next.put(key, value);
    }
    return new Options(transaction, next);
  }

  /** The transaction, or empty for none. */
  public Optional<Transaction> optionalTransaction() {
    return Optional.ofNullable(transaction);
  }
}
