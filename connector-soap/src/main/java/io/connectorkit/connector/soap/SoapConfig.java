package io.connectorkit.connector.soap;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of a {@code soap} datasource (README "Settings"). Invalid values fail with
 * CONFIGURATION_INVALID naming the key when the datasource is created.
 */
final class SoapConfig {
  /**
   * An {@code "operations"} entry: the method name for one service/port/operation; a null service
   * or port matches any.
   */
  record Mapping(
      String method, @Nullable String service, @Nullable String port, String operation) {}

  /**
   * {@code security}: how requests authenticate. BasicAuth and WS have a username and a password
   * (WS also a passwordType), Bearer a token; what a scheme does not use is null.
   */
  record Security(
      String scheme,
      @Nullable String username,
      @Nullable String password,
      @Nullable String passwordType,
      @Nullable String token) {
    static final Security NONE = new Security("None", null, null, null, null);

    /** Without the password and the token; safe for logs. */
    @Override
    public String toString() {
      return "Security[scheme="
          + scheme
          + ", username="
          + username
          + ", password="
          + (password == null ? null : "***")
          + ", passwordType="
          + passwordType
          + ", token="
          + (token == null ? null : "***")
          + "]";
    }
  }

  private final @Nullable String url;
  private final URI wsdl;
  private final Map<String, String> wsdlHeaders;
  private final List<Mapping> operations;
  private final Security security;
  private final List<Object> soapHeaders;
  private final Map<String, String> httpHeaders;
  private final Duration connectTimeout;
  private final Duration timeout;

  private SoapConfig(Settings settings) {
    this.url = settings.string("url").or(() -> settings.string("endpoint")).orElse(null);
    String wsdlText = settings.string("wsdl").orElse(url == null ? null : url + "?wsdl");
    if (wsdlText == null) {
      throw invalid("wsdl", "set (or \"url\", whose \"?wsdl\" is the default)");
    }
    this.wsdl = location(wsdlText);
    this.wsdlHeaders = strings(settings, "wsdlHeaders", "wsdl_headers");
    this.operations = mappings(settings.object("operations"));
    this.security = security(settings);
    Object headers = settings.get("soapHeaders");
    if (headers == null) {
      this.soapHeaders = List.of();
    } else if (headers instanceof List<?> list) {
      for (Object header : list) {
        if (header == null) { // List.copyOf would throw a bare NullPointerException
          throw invalid(
              "soapHeaders",
              "XML strings or {\"element\": {...}, \"namespace\"} objects, got null");
        }
      }
      this.soapHeaders = List.copyOf(list);
    } else {
      this.soapHeaders = List.of(headers);
    }
    this.httpHeaders = strings(settings, "httpHeaders", "httpHeaders");
    this.connectTimeout = settings.millis("connectTimeout", Duration.ofSeconds(10));
    this.timeout =
        settings.millis("timeout", settings.millis("readTimeout", Duration.ofSeconds(30)));
    if (connectTimeout.isNegative() || timeout.isNegative()) {
      throw invalid("timeout", "a non-negative number of milliseconds");
    }
  }

  static SoapConfig from(Settings settings) {
    return new SoapConfig(settings);
  }

  /** An http(s) URL, a file: URL or a file path. */
  private static URI location(String text) {
    try {
      URI uri = new URI(text.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("http") || scheme.equals("https") || scheme.equals("file")) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // not a URI: a file path
    }
    try {
      return Path.of(text.trim()).toAbsolutePath().normalize().toUri();
    } catch (java.nio.file.InvalidPathException e) {
      throw invalid(
          "wsdl", "an http(s) URL or a file path, got \"" + Settings.maskUrl(text) + "\"");
    }
  }

  private static Map<String, String> strings(Settings settings, String key, String alias) {
    Map<String, Object> raw = settings.has(key) ? settings.object(key) : settings.object(alias);
    Map<String, String> result = new LinkedHashMap<>();
    raw.forEach(
        (name, value) -> {
          if (value != null) {
            result.put(name, String.valueOf(value));
          }
        });
    return Map.copyOf(result);
  }

  private static List<Mapping> mappings(Map<String, Object> operations) {
    List<Mapping> result = new ArrayList<>();
    operations.forEach(
        (method, value) -> {
          if (!(value instanceof Map<?, ?> map)) {
            throw invalid(
                "operations." + method, "an object {\"service\", \"port\", \"operation\"}");
          }
          Object operation = map.get("operation");
          result.add(
              new Mapping(
                  method,
                  map.get("service") == null ? null : map.get("service").toString(),
                  map.get("port") == null ? null : map.get("port").toString(),
                  operation == null ? method : operation.toString()));
        });
    return List.copyOf(result);
  }

  private static Security security(Settings settings) {
    Map<String, Object> raw = settings.object("security");
    if (raw.isEmpty()) {
      if (settings.has("username")) {
        return new Security(
            "BasicAuth",
            settings.requiredString("username"),
            settings.string("password", ""),
            null,
            null);
      }
      return Security.NONE;
    }
    Settings view = Settings.of(raw);
    String scheme = view.string("scheme", "BasicAuth");
    return switch (scheme) {
      case "BasicAuth" ->
          new Security(scheme, required(view, "username"), view.string("password", ""), null, null);
      case "WS", "WSSecurity" -> {
        String type = view.string("passwordType", "PasswordText");
        if (!type.equals("PasswordText") && !type.equals("PasswordDigest")) {
          throw invalid(
              "security.passwordType",
              "\"PasswordText\" or \"PasswordDigest\", got \"" + type + "\"");
        }
        yield new Security(
            "WS", required(view, "username"), view.string("password", ""), type, null);
      }
      case "Bearer" -> new Security(scheme, null, null, null, required(view, "token"));
      default ->
          throw invalid(
              "security.scheme",
              "\"BasicAuth\", \"WS\" (or \"WSSecurity\") or \"Bearer\", got \"" + scheme + "\"");
    };
  }

  private static String required(Settings view, String key) {
    return view.string(key).orElseThrow(() -> invalid("security." + key, "set"));
  }

  static ConnectorException invalid(String key, String expected) {
    return new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID, "setting \"" + key + "\" must be " + expected);
  }

  /** The endpoint override, or null to use each port's WSDL address. */
  @Nullable String url() {
    return url;
  }

  URI wsdl() {
    return wsdl;
  }

  Map<String, String> wsdlHeaders() {
    return wsdlHeaders;
  }

  List<Mapping> operations() {
    return operations;
  }

  Security security() {
    return security;
  }

  List<Object> soapHeaders() {
    return soapHeaders;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  Duration timeout() {
    return timeout;
  }

  /** The HTTP headers of every SOAP request: configured ones plus BasicAuth or Bearer. */
  Map<String, String> httpHeaders() {
    Map<String, String> headers = new LinkedHashMap<>(httpHeaders);
    switch (security.scheme()) {
      case "BasicAuth" ->
          headers.putIfAbsent(
              "Authorization",
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (security.username() + ":" + security.password())
                              .getBytes(StandardCharsets.UTF_8)));
      case "Bearer" -> headers.putIfAbsent("Authorization", "Bearer " + security.token());
      default -> {}
    }
    return headers;
  }
}
