package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code exec}'s {@code invoke} op runs a REST template operation (C10, connector-rest). */
class RestInvokeSessionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private DataSource dataSource;
  private ExecSession session;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/geocode",
        exchange -> {
          String query = exchange.getRequestURI().getQuery();
          byte[] body =
              ("{\"results\": [{\"location\": {\"query\": \"" + query + "\"}}]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    dataSource =
        DataSources.create(
            "geo",
            Map.of(
                "connector",
                "rest",
                "baseURL",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                "operations",
                List.of(
                    Map.of(
                        "template",
                        Map.of(
                            "url",
                            "geocode",
                            "query",
                            Map.of("street", "{!street}"),
                            "responsePath",
                            "$.results[0].location"),
                        "functions",
                        Map.of("geocode", List.of("street"))))));
    session = new ExecSession(dataSource);
  }

  @AfterEach
  void stop() {
    session.close();
    dataSource.close();
    server.stop(0);
  }

  private JsonNode handle(String line) throws Exception {
    return JSON.readTree(session.handle(line));
  }

  @Test
  void invokeRunsTheTemplateAndAnswersTheResponsePathMatches() throws Exception {
    assertThat(handle("{\"op\":\"define\",\"model\":{\"name\":\"Geo\"}}").path("ok").asBoolean())
        .isTrue();
    JsonNode response =
        handle(
            "{\"op\":\"invoke\",\"model\":\"Geo\",\"method\":\"geocode\","
                + "\"args\":{\"street\":\"Main\"}}");
    assertThat(response.path("ok").asBoolean()).as("%s", response).isTrue();
    assertThat(response.path("result").get(0).path("query").asText()).isEqualTo("street=Main");

    JsonNode missing =
        handle("{\"op\":\"invoke\",\"model\":\"Geo\",\"method\":\"geocode\",\"args\":{}}");
    assertThat(missing.path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(missing.path("error").path("message").asText()).contains("street");
  }
}
