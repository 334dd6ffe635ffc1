package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.ConnectionString;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The datasource settings of LoopBack's MongoDB connector turned into a driver connection string.
 *
 * @param connectionString the full connection string, password included: never log it
 * @param database the database the models live in
 * @param connectTimeout how long connecting (and server selection) may take before {@code
 *     CONNECTION_FAILED}
 * @param sampleSize how many documents schema discovery reads per collection
 * @param allowExtendedOperators whether {@code $}-operators may be used in where and in the data of
 *     updateAll/updateById (setting {@code allowExtendedOperators}, default false)
 * @param idBlockSize how many generated numbers one counter {@code $inc} takes (setting {@code
 *     idBlockSize}, at least 1, default 1)
 * @param codePointStringOrder whether the server orders strings by code point (setting {@code
 *     codePointStringOrder}), or null to probe the server once
 * @param concerns the datasource's read preference, read and write concern and causal consistency;
 *     never null
 */
record MongoSettings(
    String connectionString,
    String database,
    Duration connectTimeout,
    int sampleSize,
    boolean allowExtendedOperators,
    int idBlockSize,
    @Nullable Boolean codePointStringOrder,
    MongoConcerns concerns) {
  static final String DEFAULT_DATABASE = "test";
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Settings copied into the connection string's query when given, as LoopBack passes them to the
   * driver: write concern, replica set, TLS, pool and timeouts.
   */
  static final List<String> PASS_THROUGH =
      List.of(
          "authSource",
          "authMechanism",
          "w",
          "wtimeoutMS",
          "journal",
          "replicaSet",
          "readPreference",
          "readConcernLevel",
          "tls",
          "ssl",
          "tlsInsecure",
          "tlsAllowInvalidCertificates",
          "tlsAllowInvalidHostnames",
          "directConnection",
          "retryWrites",
          "retryReads",
          "maxPoolSize",
          "minPoolSize",
          "maxIdleTimeMS",
          "waitQueueTimeoutMS",
          "socketTimeoutMS",
          "heartbeatFrequencyMS",
          "appName",
          "compressors");

  MongoSettings {
    requireNonNull(connectionString, "connectionString is null");
    requireNonNull(database, "database is null");
    requireNonNull(connectTimeout, "connectTimeout is null");
    requireNonNull(concerns, "concerns is null");
  }

  /** The settings with the connection string's password masked; safe for logs. */
  @Override
  public String toString() {
    return "MongoSettings[connectionString="
        + maskedConnectionString()
        + ", database="
        + database
        + ", connectTimeout="
        + connectTimeout
        + ", sampleSize="
        + sampleSize
        + ", allowExtendedOperators="
        + allowExtendedOperators
        + ", idBlockSize="
        + idBlockSize
        + ", codePointStringOrder="
        + codePointStringOrder
        + ", concerns="
        + concerns
        + "]";
  }

  /** The connection string with its password masked, for messages. */
  String maskedConnectionString() {
    return requireNonNull(Settings.maskUrl(connectionString), "a masked url is null only for null");
  }

  /**
   * Reads the settings.
   *
   * @throws ConnectorException CONFIGURATION_INVALID naming a bad key
   */
  static MongoSettings from(Settings settings) {
    requireNonNull(settings, "settings is null");
    String timeoutKey = settings.has("connectTimeout") ? "connectTimeout" : "connectTimeoutMS";
    Duration connectTimeout =
        Duration.ofMillis(
            settings.integer(
                timeoutKey, (int) DEFAULT_CONNECT_TIMEOUT.toMillis(), 0, Integer.MAX_VALUE));
    Map<String, String> options = new LinkedHashMap<>();
    for (String key : PASS_THROUGH) {
      settings.string(key).ifPresent(value -> options.put(key, value));
    }
    // LoopBack's spellings of the write concern.
    settings.string("wtimeout").ifPresent(value -> options.put("wtimeoutMS", value));
    if (settings.has("j")) {
      options.put("journal", Boolean.toString(settings.bool("j", false)));
    }
    settings.integer("port", 27017, 1, 65535);
    int sampleSize = settings.integer("discoverySampleSize", 100, 1, Integer.MAX_VALUE);
    boolean allowExtendedOperators = settings.bool("allowExtendedOperators", false);
    int idBlockSize = settings.integer("idBlockSize", 1, 1, Integer.MAX_VALUE);
    Boolean codePointStringOrder =
        settings.has("codePointStringOrder") ? settings.bool("codePointStringOrder", false) : null;
    MongoConcerns concerns = MongoConcerns.from(settings);
    String database = settings.string("database").or(() -> settings.string("db")).orElse(null);

    String base;
    if (settings.has("url")) {
      String url = settings.string("url").orElseThrow();
      ConnectionString parsed;
      try {
        parsed = new ConnectionString(url);
      } catch (IllegalArgumentException e) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "setting \"url\" is not a MongoDB connection string: "
                + Settings.maskUrl(url)
                + " ("
                + Settings.maskUrl(String.valueOf(e.getMessage()))
                + ")");
      }
      if (database == null) {
        database = parsed.getDatabase();
      }
      base = url;
    } else {
      String host = settings.string("host", settings.string("hostname", "127.0.0.1"));
      int port = settings.integer("port", 27017, 1, 65535);
      String user = settings.string("username").or(() -> settings.string("user")).orElse(null);
      String password = settings.string("password").orElse(null);
      StringBuilder url = new StringBuilder("mongodb://");
      if (user != null && !user.isEmpty()) {
        url.append(encode(user));
        if (password != null) {
          url.append(':').append(encode(password));
        }
        url.append('@');
      }
      url.append(host);
      // A host list ("a:1,b:2") carries its own ports.
      if (!host.contains(":") && !host.contains(",")) {
        url.append(':').append(port);
      }
      url.append('/');
      if (database != null) {
        url.append(encode(database));
      }
      base = url.toString();
    }
    if (database == null) {
      database = DEFAULT_DATABASE;
    }
    String connectionString = withOptions(base, options, connectTimeout);
    try {
      new ConnectionString(connectionString);
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "invalid MongoDB settings: " + Settings.maskUrl(String.valueOf(e.getMessage())));
    }
    return new MongoSettings(
        connectionString,
        database,
        connectTimeout,
        sampleSize,
        allowExtendedOperators,
        idBlockSize,
        codePointStringOrder,
        concerns);
  }

  private static String withOptions(
      String url, Map<String, String> options, Duration connectTimeout) {
    StringBuilder result = new StringBuilder(url);
    int query = url.indexOf('?');
    String existing = query < 0 ? "" : url.substring(query + 1);
    boolean first = query < 0 || existing.isEmpty();
    if (query < 0) {
      // mongodb://host has no path: the options need the "/" before "?".
      String afterScheme = url.substring(url.indexOf("//") + 2);
      if (afterScheme.indexOf('/') < 0) {
        result.append('/');
      }
      result.append('?');
    }
    Map<String, String> all = new LinkedHashMap<>(options);
    // C6: ping and the first operation never wait longer than the connect timeout.
    all.putIfAbsent("connectTimeoutMS", Long.toString(connectTimeout.toMillis()));
    all.putIfAbsent("serverSelectionTimeoutMS", Long.toString(connectTimeout.toMillis()));
    for (Map.Entry<String, String> option : all.entrySet()) {
      if (existing.contains(option.getKey() + "=")) {
        continue; // the url's own value wins
      }
      if (!first) {
        result.append('&');
      }
      first = false;
      result.append(option.getKey()).append('=').append(encode(option.getValue()));
    }
    return result.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
