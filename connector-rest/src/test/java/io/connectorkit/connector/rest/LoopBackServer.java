package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A LoopBack-style REST API over a memory datasource, for tests: the routes of LoopBack 4's CRUD
 * controllers (or LoopBack 3's, with {@link RestConfig.Dialect#LB3}) plus ConnectorKit's {@code
 * DELETE /resource?where=} extension, on 127.0.0.1 and an ephemeral port. Errors answer with the
 * contract's HTTP status (C5) and a LoopBack error body whose {@code code} is the contract code.
 */
final class LoopBackServer implements AutoCloseable {
  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // every response then waits for the client's delayed ACK (~40 ms).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final RestConfig.Dialect dialect;
  private final DataSource backend;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, String> models = new ConcurrentHashMap<>();

  private LoopBackServer(RestConfig.Dialect dialect) throws IOException {
    this.dialect = requireNonNull(dialect, "dialect is null");
    this.backend = DataSources.create("backend", Map.of("connector", "memory"));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static LoopBackServer start(RestConfig.Dialect dialect) {
    try {
      return new LoopBackServer(dialect);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the test server", e);
    }
  }

  /** The base URL to give the REST connector, e.g. {@code http://127.0.0.1:4711/api}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
  }

  DataSource backend() {
    return backend;
  }

  /** Defines (or redefines) a model on the backend, empties it, and serves it as a resource. */
  void define(ModelDefinition model) {
    backend.define(ModelDefinition.fromMap(model.toJson()));
    backend.dao(model.name()).deleteAll(null);
    models.put(RestConnector.resourceName(model, dialect), model.name());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    backend.close();
  }

  // ---------------------------------------------------------------- routing

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (ConnectorException e) {
        error(exchange, e.code().httpStatus(), e.code().name(), e.getMessage(), e.details());
      } catch (RuntimeException e) {
        error(exchange, 500, "BACKEND_ERROR", String.valueOf(e), Map.of());
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    if (!path.startsWith("/api")) {
      error(exchange, 404, "NOT_FOUND", "no route " + path, Map.of());
      return;
    }
    String[] segments = path.substring("/api".length()).replaceAll("^/+", "").split("/");
    if (segments.length == 0 || segments[0].isEmpty()) {
      // The API root answers, so that ping sees a server.
      send(exchange, 200, Map.of("name", "loopback-style test server"));
      return;
    }
    String modelName = models.get(decode(segments[0]));
    if (modelName == null) {
      error(exchange, 404, "MODEL_NOT_FOUND", "no resource " + segments[0], Map.of());
      return;
    }
    Dao dao = backend.dao(modelName);
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    Where where = FilterParser.parseWhere(query.get("where"));
    String second = segments.length > 1 ? decode(segments[1]) : null;
    if (segments.length > 2) {
      error(exchange, 404, "NOT_FOUND", "no route " + path, Map.of());
      return;
    }
    switch (method) {
      case "GET" -> {
        if (second == null) {
          send(exchange, 200, dao.find(FilterParser.parse(query.get("filter"))));
        } else if (second.equals("count")) {
          send(exchange, 200, Map.of("count", dao.count(where)));
        } else {
          Filter filter = FilterParser.parse(query.get("filter"));
          Map<String, Object> row =
              dao.findById(second, filter, null)
                  .orElseThrow(
                      () ->
                          new ConnectorException(
                              ErrorCode.ENTITY_NOT_FOUND,
                              "no " + modelName + " with id " + second));
          send(exchange, 200, row);
        }
      }
      case "POST" -> {
        if (second == null) {
          send(exchange, 200, dao.create(body(exchange)));
        } else if (second.equals("update") && dialect == RestConfig.Dialect.LB3) {
          send(exchange, 200, Map.of("count", dao.updateAll(where, body(exchange))));
        } else {
          error(exchange, 404, "NOT_FOUND", "no route POST " + path, Map.of());
        }
      }
      case "PATCH" -> {
        if (second == null) {
          if (dialect == RestConfig.Dialect.LB3) {
            error(exchange, 404, "NOT_FOUND", "LoopBack 3 has no PATCH " + path, Map.of());
          } else {
            send(exchange, 200, Map.of("count", dao.updateAll(where, body(exchange))));
          }
        } else {
          entity(exchange, dao.updateById(second, body(exchange)));
        }
      }
      case "PUT" -> {
        if (second == null) {
          error(exchange, 404, "NOT_FOUND", "no route PUT " + path, Map.of());
        } else {
          entity(exchange, dao.replaceById(second, body(exchange)));
        }
      }
      case "DELETE" -> {
        if (second == null) {
          send(exchange, 200, Map.of("count", dao.deleteAll(where)));
        } else {
          long count = dao.deleteById(second);
          if (dialect == RestConfig.Dialect.LB3) {
            send(exchange, 200, Map.of("count", count));
          } else if (count == 0) {
            throw new ConnectorException(
                ErrorCode.ENTITY_NOT_FOUND, "no " + modelName + " with id " + second);
          } else {
            send(exchange, 204, null);
          }
        }
      }
      default -> error(exchange, 405, "METHOD_NOT_ALLOWED", method, Map.of());
    }
  }

  /** LoopBack 4 answers a PATCH or PUT by id with 204; LoopBack 3 with the entity. */
  private void entity(HttpExchange exchange, Map<String, Object> row) throws IOException {
    if (dialect == RestConfig.Dialect.LB4) {
      send(exchange, 204, null);
    } else {
      send(exchange, 200, row);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(HttpExchange exchange) throws IOException {
    String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Object json = Json.read(text);
    if (!(json instanceof Map<?, ?>)) {
      throw new ConnectorException(ErrorCode.INVALID_ARGUMENT, "the body must be a JSON object");
    }
    return (Map<String, Object>) json;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      query.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static void error(
      HttpExchange exchange, int status, String code, String message, Map<String, Object> details)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("statusCode", (long) status);
    error.put("name", status == 422 ? "ValidationError" : "Error");
    error.put("message", message);
    error.put("code", code);
    if (!details.isEmpty()) {
      error.put("details", details);
    }
    send(exchange, status, Map.of("error", error));
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
