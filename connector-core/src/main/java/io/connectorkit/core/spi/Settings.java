package io.connectorkit.core.spi;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The immutable settings of a datasource (CONTRACT C1.1), with typed accessors that reject a value
 * of the wrong type with {@link ErrorCode#CONFIGURATION_INVALID} naming the key. Secrets never
 * appear in {@link #toString()} or in error messages.
 */
public final class Settings {
  private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/:@]*:)[^@/]*@");
  private static final List<String> SECRET_SUFFIXES = List.of("password", "secret", "token", "key");

  private final Map<String, Object> values;
  private final Set<String> extraSecrets;

  private Settings(Map<String, Object> values, Set<String> extraSecrets) {
    this.values = values;
    this.extraSecrets = extraSecrets;
  }

  /**
   * Settings from a map; the map is copied (nested maps and lists as they are).
   *
   * @param values never null
   */
  public static Settings of(Map<String, ?> values) {
    requireNonNull(values, "values is null");
    return new Settings(Collections.unmodifiableMap(new LinkedHashMap<>(values)), Set.of());
  }

  /**
   * These settings with additional keys treated as secrets (a factory's own secret keys); replaces
   * the keys given to an earlier call.
   *
   * @param keys never null
   */
  public Settings withSecretKeys(Set<String> keys) {
    return new Settings(values, Set.copyOf(requireNonNull(keys, "keys is null")));
  }

  /**
   * Whether a key names a secret: password, token, secret, key, a key ending in one of those (case
   * ignored), or one of {@link #withSecretKeys}.
   *
   * @param key never null
   */
  public boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return extraSecrets.contains(key) || SECRET_SUFFIXES.stream().anyMatch(lower::endsWith);
  }

  /** Masks the password inside a URL such as {@code mysql://user:pw@host/db}; null for null. */
  public static @Nullable String maskUrl(String url) {
    return url == null
        ? null
        : URL_SECRET_PARAMETER
            .matcher(URL_PASSWORD.matcher(url).replaceAll("$1***@"))
            .replaceAll("$1***");
  }

  /** A query parameter whose name says it holds a secret, e.g. {@code ?sslPassword=…}. */
  private static final java.util.regex.Pattern URL_SECRET_PARAMETER =
      java.util.regex.Pattern.compile("([?&][^=&#]*(?i:password|secret|token)[^=&#]*=)[^&#]*");

  /** Every setting, unmodifiable, secrets unmasked: not for logs (see {@link #masked()}). */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Whether the key has a non-null value. */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** The raw value, or null. */
  public @Nullable Object get(String key) {
    return values.get(key);
  }

  /**
   * A string setting; a number or boolean value is converted to its text.
   *
   * @return empty when the key is absent or null
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for an object or array value
   */
  public Optional<String> string(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return Optional.of(value.toString());
    }
    throw invalid(key, "a string");
  }

  /**
   * {@link #string(String)}, or {@code defaultValue} (may be null) when absent.
   *
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for an object or array value
   */
  public String string(String key, String defaultValue) {
    return string(key).orElse(defaultValue);
  }

  /**
   * {@link #string(String)} of a setting that must be present.
   *
   * @return never null
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} when absent or null, or for
   *     an object or array value
   */
  public String requiredString(String key) {
    return string(key)
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorCode.CONFIGURATION_INVALID, "setting \"" + key + "\" is required"));
  }

  /**
   * An integer setting: an integral number, or a string holding one.
   *
   * @return empty when the key is absent or null
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for any other value ({@code
   *     "abc"}, {@code 1.5}), naming the key
   */
  public Optional<Long> number(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      return Optional.of(number.longValue());
    }
    if (value instanceof String text) {
      try {
        return Optional.of(Long.parseLong(text.trim()));
      } catch (NumberFormatException e) {
        throw invalid(key, "an integer");
      }
    }
    throw invalid(key, "an integer");
  }

  /**
   * {@link #number(String)} as an {@code int}, or {@code defaultValue} when absent.
   *
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for a value that is not an
   *     integer or is out of {@code int} range
   */
  public int integer(String key, int defaultValue) {
    return integer(key, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /**
   * {@link #integer(String, int)} within {@code [min, max]}.
   *
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} naming the key and the
   *     allowed range, for a value that is not an integer or lies outside it
   */
  public int integer(String key, int defaultValue, int min, int max) {
    long value = number(key).orElse((long) defaultValue);
    if (value < min || value > max) {
      throw invalid(key, "an integer from " + min + " to " + max);
    }
    return (int) value;
  }

  /**
   * A boolean setting: {@code true}, {@code false}, or the strings {@code "true"} and {@code
   * "false"}; {@code defaultValue} when absent or null.
   *
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for any other value
   */
  public boolean bool(String key, boolean defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
      return Boolean.parseBoolean(text);
    }
    throw invalid(key, "a boolean");
  }

  /**
   * A duration given in milliseconds, as {@link #number(String)}; {@code defaultValue} (may be
   * null) when absent.
   *
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for a value that is not an
   *     integer
   */
  public Duration millis(String key, Duration defaultValue) {
    return number(key).map(Duration::ofMillis).orElse(defaultValue);
  }

  /**
   * An object setting, as given (not copied).
   *
   * @return an empty map when the key is absent or null
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for a value that is not an
   *     object
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> object(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw invalid(key, "an object");
  }

  private ConnectorException invalid(String key, String expected) {
    String shown = isSecret(key) ? "***" : String.valueOf(values.get(key));
    return new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID,
        "setting \"" + key + "\" must be " + expected + ", got \"" + shown + "\"");
  }

  /** The settings with every secret masked; safe for logs. */
  public Map<String, Object> masked() {
    Map<String, Object> masked = new LinkedHashMap<>();
    values.forEach((key, value) -> masked.put(key, maskValue(key, value)));
    return masked;
  }

  private @Nullable Object maskValue(String key, Object value) {
    if (value == null) {
      return null;
    }
    if (isSecret(key)) {
      return "***";
    }
    if (value instanceof String text) {
      return maskUrl(text);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> nested = new LinkedHashMap<>();
      map.forEach((k, v) -> nested.put(String.valueOf(k), maskValue(String.valueOf(k), v)));
      return nested;
    }
    return value;
  }

  /** Settings with equal values are equal, whatever keys {@link #withSecretKeys} added. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Settings that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The settings with every secret masked, as {@link #masked()}; safe for logs and messages. */
  @Override
  public String toString() {
    return "Settings" + masked();
  }
}
