package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a SQL connector connects, read from LoopBack's datasource settings: {@code url} ({@code
 * scheme://user:password@host:port/database?property=value}, optionally prefixed with {@code
 * jdbc:}) or {@code host}, {@code port}, {@code database} ({@code db}), {@code user} ({@code
 * username}) and {@code password}. The url's parts win over the separate settings.
 *
 * @param host the host name or address; an IPv6 literal without brackets
 * @param database empty when neither the url nor the settings name one
 * @param query the url's query parameters, in order: driver properties
 */
public record JdbcEndpoint(
    String host,
    int port,
    String database,
    String user,
    String password,
    Map<String, String> query) {

  public JdbcEndpoint {
    requireNonNull(host, "host is null");
    requireNonNull(database, "database is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    query =
        Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(query, "query is null")));
  }

  /**
   * Reads the endpoint from datasource settings.
   *
   * @param schemes the url schemes the connector accepts; the first is named in errors
   * @throws ConnectorException {@code CONFIGURATION_INVALID} for a url that cannot be read or has
   *     another scheme (the message masks its password)
   */
  public static JdbcEndpoint of(
      Settings settings, int defaultPort, String defaultUser, String... schemes) {
    requireNonNull(settings, "settings is null");
    String host = settings.string("host", "localhost");
    int port = settings.integer("port", defaultPort, 1, 65535);
    String database = settings.string("database").orElse(settings.string("db", ""));
    String user = settings.string("user").orElse(settings.string("username", defaultUser));
    String password = settings.string("password", "");
    Map<String, String> query = new LinkedHashMap<>();
    String url = settings.string("url").orElse(null);
    if (url == null) {
      return new JdbcEndpoint(host, port, database, user, password, query);
    }
    URI uri;
    try {
      uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "setting \"url\" is not a " + schemes[0] + ":// URL: " + Settings.maskUrl(url));
    }
    if (!Arrays.asList(schemes).contains(uri.getScheme())) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "setting \"url\" must start with " + schemes[0] + "://, got " + Settings.maskUrl(url));
    }
    if (uri.getRawAuthority() != null && uri.getHost() == null) {
      // URI reads "host:abc" as a registry authority: a port that is not a number.
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "setting \"url\" must have a host and a port from 1 to 65535, got "
              + Settings.maskUrl(url));
    }
    if (uri.getHost() != null) {
      host = uri.getHost();
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
    }
    if (uri.getPort() > 0) {
      port = uri.getPort();
    }
    if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
      database = decode(uri.getRawPath().substring(1));
    }
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length > 1) {
        password = decode(parts[1]);
      }
    }
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&", -1)) {
        if (pair.isEmpty()) {
          continue; // "a=1&&b=2" and a trailing "&" name no parameter
        }
        String[] kv = pair.split("=", 2);
        query.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    return new JdbcEndpoint(host, port, database, user, password, query);
  }

  /** This endpoint with another database. */
  public JdbcEndpoint withDatabase(String otherDatabase) {
    return new JdbcEndpoint(host, port, otherDatabase, user, password, query);
  }

  /**
   * {@code jdbc:<subprotocol>://host:port/<databaseName>}, an IPv6 host in brackets.
   *
   * @param databaseName empty for none
   */
  public String jdbcUrl(String subprotocol, String databaseName) {
    String urlHost = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:" + subprotocol + "://" + urlHost + ":" + port + "/" + databaseName;
  }

  /** Masks the password. */
  @Override
  public String toString() {
    return "JdbcEndpoint[" + user + "@" + host + ":" + port + "/" + database + "]";
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
