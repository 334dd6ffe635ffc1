package io.connectorkit.connector.rest;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.Settings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated settings of a {@code rest} datasource (README "Settings"). Invalid values fail with
 * CONFIGURATION_INVALID naming the key when the datasource is created.
 */
final class RestConfig {
  private static final Logger LOG = LoggerFactory.getLogger(RestConfig.class);

  enum Dialect {
    LB4,
    LB3
  }

  /** {@code "retry": {"count", "backoff", "nonIdempotent"}}. */
  record Retry(int count, Duration backoff, boolean nonIdempotent) {}

  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

  private final HttpUrl baseUrl;
  private final Dialect dialect;
  private final boolean crud;
  private final Map<String, String> headers;
  private final @Nullable String authorization;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final Duration keepAlive;
  private final Retry retry;
  private final int maxUrlLength;
  private final boolean rejectUnauthorized;
  private final @Nullable String truststore;
  private final @Nullable String truststorePassword;

  private RestConfig(Settings settings) {
    String base =
        settings
            .string("baseURL")
            .or(() -> settings.string("restPath"))
            .orElse("http://localhost:3000/");
    HttpUrl parsed = HttpUrl.parse(base);
    if (parsed == null) {
      throw invalid("baseURL", "an http or https URL, got \"" + Settings.maskUrl(base) + "\"");
    }
    this.baseUrl = parsed;
    String api = settings.string("api", "lb4").toLowerCase(Locale.ROOT);
    this.dialect =
        switch (api) {
          case "lb4" -> Dialect.LB4;
          case "lb3" -> Dialect.LB3;
          default -> throw invalid("api", "\"lb4\" or \"lb3\", got \"" + api + "\"");
        };
    this.crud = settings.bool("crud", !settings.has("operations"));
    Map<String, String> configured = new LinkedHashMap<>();
    settings
        .object("headers")
        .forEach(
            (name, value) -> {
              if (value != null) {
                configured.put(name, String.valueOf(value));
              }
            });
    this.headers = Map.copyOf(configured);
    this.authorization = authorization(settings.object("auth"));
    this.connectTimeout = settings.millis("connectTimeout", Duration.ofSeconds(10));
    this.readTimeout = settings.millis("readTimeout", Duration.ofSeconds(30));
    this.callTimeout = settings.millis("callTimeout", Duration.ZERO);
    // Shorter than the idle timeout of common servers (JDK HttpServer, Node: 5–30 s), so a pooled
    // connection the server already closed is rarely reused (such a POST cannot be retried).
    this.keepAlive = settings.millis("keepAlive", Duration.ofSeconds(4));
    Map<String, Object> retrySettings = settings.object("retry");
    Settings retryView = Settings.of(retrySettings);
    this.retry =
        new Retry(
            nonNegative("retry.count", retryView.integer("count", 0)),
            retryView.millis("backoff", Duration.ofMillis(100)),
            retryView.bool("nonIdempotent", false));
    this.maxUrlLength = settings.integer("maxUrlLength", 16_384);
    if (maxUrlLength < 256) {
      throw invalid("maxUrlLength", "at least 256");
    }
    this.rejectUnauthorized = settings.bool("rejectUnauthorized", settings.bool("strictSSL", true));
    this.truststore = settings.string("truststore").orElse(null);
    this.truststorePassword = settings.string("truststorePassword").orElse(null);
  }

  static RestConfig from(Settings settings) {
    return new RestConfig(settings);
  }

  private static @Nullable String authorization(Map<String, Object> auth) {
    if (auth.isEmpty()) {
      return null;
    }
    Settings view = Settings.of(auth);
    if (view.has("bearer")) {
      return "Bearer " + view.requiredString("bearer");
    }
    if (view.has("username")) {
      return Credentials.basic(
          view.requiredString("username"), view.string("password", ""), StandardCharsets.UTF_8);
    }
    throw invalid("auth", "{\"username\", \"password\"} or {\"bearer\"}");
  }

  private static int nonNegative(String key, int value) {
    if (value < 0) {
      throw invalid(key, "a non-negative integer");
    }
    return value;
  }

  private static ConnectorException invalid(String key, String expected) {
    return new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID, "setting \"" + key + "\" must be " + expected);
  }

  HttpUrl baseUrl() {
    return baseUrl;
  }

  Dialect dialect() {
    return dialect;
  }

  boolean crud() {
    return crud;
  }

  Retry retry() {
    return retry;
  }

  static boolean isIdempotent(String method) {
    return IDEMPOTENT.contains(method.toUpperCase(Locale.ROOT));
  }

  /** The request with the configured headers and authorization, unless it sets them itself. */
  Request decorate(Request request) {
    Request.Builder builder = request.newBuilder();
    headers.forEach(
        (name, value) -> {
          if (request.header(name) == null) {
            builder.header(name, value);
          }
        });
    if (authorization != null && request.header("Authorization") == null) {
      builder.header("Authorization", authorization);
    }
    if (request.header("Accept") == null && !headers.containsKey("Accept")) {
      builder.header("Accept", "application/json");
    }
    return builder.build();
  }

  OkHttpClient newClient() {
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout)
            .callTimeout(callTimeout)
            .connectionPool(new ConnectionPool(5, keepAlive.toMillis(), TimeUnit.MILLISECONDS))
            // Retries follow this connector's own rules, which never repeat a POST silently.
            .retryOnConnectionFailure(false)
            .followRedirects(true);
    if (!rejectUnauthorized || truststore != null) {
      X509TrustManager trust = rejectUnauthorized ? loadTruststore() : new TrustEverything();
      try {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {trust}, new SecureRandom());
        builder.sslSocketFactory(ssl.getSocketFactory(), trust);
      } catch (GeneralSecurityException e) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID, "cannot set up TLS: " + e.getMessage(), e);
      }
      if (!rejectUnauthorized) {
        // An opt-in for test servers, but one that must not go unnoticed in production.
        LOG.warn(
            "rest datasource at {}: \"rejectUnauthorized\": false trusts any TLS certificate and"
                + " host name",
            Settings.maskUrl(baseUrl.toString()));
        builder.hostnameVerifier((host, session) -> true);
      }
    }
    return builder.build();
  }

  private X509TrustManager loadTruststore() {
    try (InputStream in = Files.newInputStream(Path.of(truststore))) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, truststorePassword == null ? null : truststorePassword.toCharArray());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw invalid("truststore", "a keystore with X.509 certificates");
    } catch (java.io.IOException | GeneralSecurityException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "setting \"truststore\": cannot read " + truststore + ": " + e.getMessage(),
          e);
    }
  }

  /** {@code "rejectUnauthorized": false}: an explicit opt-in for self-signed test servers. */
  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  // ---------------------------------------------------------------- URL length

  /** Whether a where fits into a query parameter within {@code maxUrlLength}. */
  boolean fits(Where where) {
    return where.isAll()
        || baseUrl.toString().length() + 64 + encodedLength(Json.write(FilterJson.where(where)))
            <= maxUrlLength;
  }

  /**
   * A where as one or more wheres that each fit into a URL: a too-long {@code inq} (how the DAO
   * hands over the ids of a bulk write with a residual, C4.6) is split into chunks whose counts add
   * up. Another too-long where is sent as it is (the server may refuse it).
   */
  List<Where> split(Where where) {
    if (where instanceof Where.Or or && or.conditions().isEmpty()) {
      return List.of();
    }
    if (fits(where)
        || !(where instanceof Where.Comparison comparison)
        || comparison.operator() != Operator.INQ
        || !(comparison.value() instanceof List<?> values)
        || values.size() < 2) {
      return List.of(where);
    }
    List<?> first = values.subList(0, values.size() / 2);
    List<?> second = values.subList(values.size() / 2, values.size());
    List<Where> parts = new ArrayList<>(split(Where.inq(comparison.path(), first)));
    parts.addAll(split(Where.inq(comparison.path(), second)));
    return parts;
  }

  /** The length of a text percent-encoded as a query parameter value (an upper bound). */
  private static int encodedLength(String text) {
    int length = 0;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      length += (Character.isLetterOrDigit(b) || b == '-' || b == '_' || b == '.') ? 1 : 3;
    }
    return length;
  }
}
