package io.connectorkit.connector.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.spi.Connector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invocation against JAX-WS services published on 127.0.0.1, their WSDL fetched over HTTP. */
class SoapInvokeTest {
  private static SoapServices services;
  private DataSource db;

  @BeforeAll
  static void startServices() {
    services = new SoapServices();
  }

  @AfterAll
  static void stopServices() {
    services.close();
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private Dao dao(String path, Object... extraSettings) {
    Map<String, Object> settings = map("connector", "soap", "url", services.url(path));
    settings.putAll(map(extraSettings));
    db = DataSources.create("svc", settings);
    db.define("{\"name\": \"Svc\"}");
    return db.dao("Svc");
  }

  @Test
  void addReturnsTheTypedResult() {
    Dao calculator = dao("/calculator");

    Object result = calculator.invoke("Add", map("intA", 1, "intB", 2), Options.NONE);

    assertThat(result).isEqualTo(Map.of("AddResult", 3L));
  }

  @Test
  void divisionByZeroIsABackendErrorWithTheFault() {
    Dao calculator = dao("/calculator");

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> calculator.invoke("Divide", map("intA", 7, "intB", 0), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(e.details())
        .containsEntry("faultstring", "Attempted to divide by zero.")
        .containsKey("faultcode")
        .containsEntry("statusCode", 500);
    assertThat(e.details().get("detail").toString()).contains("dividend=7");
    assertThat(String.valueOf(e.details().get("faultcode"))).endsWith("Server");
  }

  @Test
  void aClientFaultIsAnInvalidArgumentWithTheFault() {
    Dao calculator = dao("/calculator");

    assertThat(calculator.invoke("Sqrt", map("value", 2.25), Options.NONE))
        .isEqualTo(Map.of("SqrtResult", 1.5));
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> calculator.invoke("Sqrt", map("value", -1), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.details()).containsEntry("faultstring", "value must not be negative");
    assertThat(String.valueOf(e.details().get("faultcode"))).endsWith("Client");
  }

  @Test
  void aValueTheSchemaRejectsIsAnInvalidArgumentBeforeAnyCall() {
    Dao calculator = dao("/calculator");
    assertThat(((SoapOperations) db.unwrap(Connector.class)).methods()).contains("Add");
    int before = services.requests("/calculator").size();

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> calculator.invoke("Add", map("intA", "one", "intB", 2), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("Add.intA").contains("integer");
    assertThat(services.requests("/calculator")).as("no request was sent").hasSize(before);
  }

  @Test
  void anUnknownElementIsAnInvalidArgument() {
    Dao calculator = dao("/calculator");

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> calculator.invoke("Add", map("intA", 1, "intC", 2), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("Add.intC").contains("[intA, intB]");
  }

  @Test
  void anUnknownMethodIsAnInvalidArgumentListingTheMethods() {
    Dao calculator = dao("/calculator");

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class, () -> calculator.invoke("Pow", map(), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("Pow").contains("Add").contains("Divide");
  }

  @Test
  void soap12PortWorksAndItsFaultsAreBackendErrors() {
    Dao calculator = dao("/calculator12");

    assertThat(calculator.invoke("Multiply", map("intA", 6, "intB", 7), Options.NONE))
        .isEqualTo(Map.of("MultiplyResult", 42L));
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> calculator.invoke("Fail", map("reason", "broken"), Options.NONE));
    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(e.details()).containsEntry("faultstring", "broken");
    assertThat(String.valueOf(e.details().get("faultcode"))).endsWith("Receiver");
  }

  @Test
  void rpcLiteralSendsPartsAndReturnsThemByName() {
    Dao greeter = dao("/greeter");

    Object result = greeter.invoke("greet", map("name", "Ada", "times", 2), Options.NONE);

    assertThat(result).isEqualTo(Map.of("greeting", "Hello Ada! Hello Ada!"));
  }

  @Test
  void anUnreachableEndpointIsAConnectionFailure() {
    // The WSDL is read from the live service; the calls go to a closed port.
    Dao calculator =
        dao(
            "/calculator",
            "wsdl",
            services.url("/calculator") + "?wsdl",
            "url",
            "http://127.0.0.1:9/calculator");

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> calculator.invoke("Add", map("intA", 1, "intB", 2), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
  }

  @Test
  void anHttpErrorWithoutAnEnvelopeIsABackendError() {
    services.status("/denied", 401);
    Dao calculator =
        dao(
            "/calculator",
            "wsdl",
            services.url("/calculator") + "?wsdl",
            "url",
            services.url("/denied"));

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> calculator.invoke("Add", map("intA", 1, "intB", 2), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(e.getMessage()).contains("401");
  }

  @Test
  void aSlowServiceIsATimeout() {
    Dao calculator = dao("/calculator", "timeout", 200);

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> calculator.invoke("Slow", map("millis", 1500), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
  }
}
