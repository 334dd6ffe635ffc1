package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs examples/rest-templates.jsonl through {@code exec --datasource examples/rest-templates.json}
 * against a small geocoding and notes server started here on 127.0.0.1 (the datasource reads its
 * base URL from {@code GEO_URL}), and keeps the example and its expected output from drifting
 * apart. No network beyond the loopback interface is used.
 */
class RestTemplatesExampleTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String DATASOURCE = EXAMPLES.resolve("rest-templates.json").toString();
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private final AtomicInteger noteIds = new AtomicInteger();
  private final List<String> clients = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** {@code GET /geocode?street&city&limit} answers that many locations; POST /notes echoes. */
  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      synchronized (clients) {
        clients.add(exchange.getRequestHeaders().getFirst("X-Client"));
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/geocode") && exchange.getRequestMethod().equals("GET")) {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(query.get("limit")); i++) {
          Map<String, Object> location = new LinkedHashMap<>();
          location.put("street", query.get("street"));
          location.put("city", query.get("city"));
          location.put("rank", i + 1);
          results.add(Map.of("location", location));
        }
        send(exchange, 200, Map.of("results", results));
      } else if (path.equals("/notes") && exchange.getRequestMethod().equals("POST")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> note =
            new LinkedHashMap<>(JSON.readValue(exchange.getRequestBody(), Map.class));
        note.put("id", noteIds.incrementAndGet());
        send(exchange, 201, note);
      } else if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
      } else {
        send(exchange, 404, Map.of("error", Map.of("statusCode", 404, "message", "no " + path)));
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      query.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private MainTest.Run runExample() throws IOException {
    String requests = Files.readString(EXAMPLES.resolve("rest-templates.jsonl"));
    return MainTest.run(
        requests,
        Map.of("GEO_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/"),
        "exec",
        "--datasource",
        DATASOURCE);
  }

  @Test
  void theSessionPrintsExactlyTheExpectedLines() throws IOException {
    List<String> expected =
        Files.readAllLines(EXAMPLES.resolve("rest-templates.expected.jsonl")).stream()
            .filter(line -> !line.isBlank())
            .toList();

    MainTest.Run run = runExample();

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().lines().toList()).containsExactlyElementsOf(expected);
  }

  @Test
  @SuppressWarnings("unchecked")
  void templatesFillQueriesAndBodiesAndMissingOrUnknownArgumentsAreRefused() throws IOException {
    MainTest.Run run = runExample();
    List<Map<String, Object>> responses = new ArrayList<>();
    for (String line : run.out().lines().toList()) {
      responses.add(JSON.readValue(line, Map.class));
    }

    assertThat(responses).hasSize(7);
    assertThat(responses.get(2).get("result"))
        .as("the default city, one result, the responsePath matches")
        .isEqualTo(List.of(Map.of("street", "Karl Johans gate 1", "city", "Oslo", "rank", 1)));
    assertThat((List<Object>) responses.get(3).get("result")).hasSize(2);
    Map<String, Object> missing = (Map<String, Object>) responses.get(4).get("error");
    assertThat(missing).containsEntry("code", "INVALID_ARGUMENT");
    assertThat((String) missing.get("message")).contains("`street`");
    assertThat(responses.get(5).get("result"))
        .as("tags keep their JSON type; \"1\" converts to true")
        .isEqualTo(
            Map.of("text", "visit", "tags", List.of("trip", "2026"), "pinned", true, "id", 1));
    assertThat((Map<String, Object>) responses.get(6).get("error"))
        .containsEntry("code", "INVALID_ARGUMENT");
    synchronized (clients) {
      assertThat(clients).isNotEmpty().containsOnly("connectorkit-example");
    }
  }
}
