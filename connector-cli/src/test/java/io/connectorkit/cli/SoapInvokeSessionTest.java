package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.ws.Endpoint;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code exec}'s {@code invoke} op calls a SOAP operation (C10, connector-soap). */
class SoapInvokeSessionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private Endpoint endpoint;
  private DataSource dataSource;
  private ExecSession session;

  /** The classic calculator, published with JAX-WS for this test. */
  @WebService(serviceName = "Calculator", targetNamespace = "http://tempuri.org/")
  public static class Calculator {
    @WebMethod(operationName = "Add")
    @WebResult(name = "AddResult", targetNamespace = "http://tempuri.org/")
    public int add(
        @WebParam(name = "intA", targetNamespace = "http://tempuri.org/") int a,
        @WebParam(name = "intB", targetNamespace = "http://tempuri.org/") int b) {
      return a + b;
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint = Endpoint.create(new Calculator());
    endpoint.publish(server.createContext("/calculator"));
    server.start();
    dataSource =
        DataSources.create(
            "calc",
            Map.of(
                "connector",
                "soap",
                "url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/calculator"));
    session = new ExecSession(dataSource);
  }

  @AfterEach
  void stop() {
    session.close();
    dataSource.close();
    endpoint.stop();
    server.stop(0);
  }

  private JsonNode handle(String line) throws Exception {
    return JSON.readTree(session.handle(line));
  }

  @Test
  void invokeCallsTheSoapOperationAndAnswersItsJson() throws Exception {
    assertThat(handle("{\"op\":\"define\",\"model\":{\"name\":\"Calc\"}}").path("ok").asBoolean())
        .isTrue();

    JsonNode response =
        handle(
            "{\"op\":\"invoke\",\"model\":\"Calc\",\"method\":\"Add\","
                + "\"args\":{\"intA\":1,\"intB\":2}}");

    assertThat(response.path("ok").asBoolean()).as("%s", response).isTrue();
    assertThat(response.path("result")).isEqualTo(JSON.readTree("{\"AddResult\":3}"));

    JsonNode bad =
        handle(
            "{\"op\":\"invoke\",\"model\":\"Calc\",\"method\":\"Add\","
                + "\"args\":{\"intA\":\"x\"}}");
    assertThat(bad.path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(bad.path("error").path("message").asText()).contains("Add.intA");
  }
}
