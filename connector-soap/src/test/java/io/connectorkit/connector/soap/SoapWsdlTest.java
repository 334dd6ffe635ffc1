package io.connectorkit.connector.soap;

import static io.connectorkit.connector.soap.SoapInvokeTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import jakarta.xml.soap.SOAPMessage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WSDL reading: hardening, method naming, file WSDLs, and the execute hooks. */
class SoapWsdlTest {
  private static SoapServices services;
  private DataSource db;

  @TempDir Path temp;

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

  /** A datasource with model Svc; it connects (reads the WSDL) unless lazyConnect. */
  private SoapOperations connect(String wsdl, Object... extraSettings) {
    SoapOperations soap = create(wsdl, extraSettings);
    db.define("{\"name\": \"Svc\"}");
    return soap;
  }

  private SoapOperations create(String wsdl, Object... extraSettings) {
    Map<String, Object> settings = map("connector", "soap", "wsdl", wsdl);
    settings.putAll(map(extraSettings));
    db = DataSources.create("svc", settings);
    return (SoapOperations) db.unwrap(Connector.class);
  }

  private ConnectorException refused(String wsdl) {
    return catchThrowableOfType(ConnectorException.class, () -> connect(wsdl).methods());
  }

  // ---------------------------------------------------------------- hardening

  @Test
  void anExternalEntityIsRefusedAndNothingIsRead() throws Exception {
    Path secret = temp.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    services.document("/canary-xxe", "<x/>");
    services.document(
        "/xxe.wsdl",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [\n"
            + "  <!ENTITY file SYSTEM \""
            + secret.toUri()
            + "\">\n  <!ENTITY remote SYSTEM \""
            + services.url("/canary-xxe")
            + "\">\n]>\n"
            + "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" name=\"&file;&remote;\"/>");

    ConnectorException e = refused(services.url("/xxe.wsdl"));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage())
        .contains(services.url("/xxe.wsdl"))
        .containsIgnoringCase("DOCTYPE")
        .doesNotContain("TOP-SECRET");
    assertThat(services.requests("/canary-xxe"))
        .as("the remote entity was never fetched")
        .isEmpty();
  }

  @Test
  void aParameterEntityIsRefusedAndNeverFetched() {
    services.document("/canary-pe", "<!ENTITY x 'y'>");
    services.document(
        "/pe.wsdl",
        "<!DOCTYPE definitions [<!ENTITY % p SYSTEM \""
            + services.url("/canary-pe")
            + "\"> %p;]><definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"/>");

    ConnectorException e = refused(services.url("/pe.wsdl"));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(services.requests("/canary-pe")).isEmpty();
  }

  @Test
  void billionLaughsIsRefusedQuickly() {
    StringBuilder doctype = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      doctype
          .append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10))
          .append("\">");
    }
    doctype.append("]>");
    services.document(
        "/lol.wsdl",
        doctype + "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" name=\"&lol9;\"/>");
    long start = System.nanoTime();

    ConnectorException e = refused(services.url("/lol.wsdl"));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains("/lol.wsdl");
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void aRemoteWsdlCannotImportALocalFile() throws Exception {
    Path schema = temp.resolve("local.xsd");
    Files.writeString(
        schema, "<schema xmlns=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:x\"/>");
    services.document(
        "/file-import.wsdl",
        "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" targetNamespace=\"urn:x\">"
            + "<types><xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
            + "<xs:import namespace=\"urn:x\" schemaLocation=\""
            + schema.toUri()
            + "\"/></xs:schema></types></definitions>");

    ConnectorException e = refused(services.url("/file-import.wsdl"));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains(schema.toUri().toString()).contains("not an http(s)");
  }

  @Test
  void anUnreachableWsdlIsAConfigurationErrorNamingIt() {
    ConnectorException e = refused("http://127.0.0.1:9/nothing?wsdl");

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains("http://127.0.0.1:9/nothing?wsdl");
  }

  @Test
  void aDocumentThatIsNotAWsdlIsAConfigurationError() {
    services.document("/not.wsdl", "<html/>");

    ConnectorException e = refused(services.url("/not.wsdl"));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains("not a WSDL 1.1 document");
  }

  @Test
  void pingReportsNotConnectedForABadWsdl() {
    create("http://127.0.0.1:9/nothing?wsdl", "lazyConnect", true);

    ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> db.ping());

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.getMessage()).contains("NOT Connected");
  }

  // ---------------------------------------------------------------- naming

  /** A calculator WSDL with a SOAP 1.1 and a SOAP 1.2 port at {@code address}. */
  static String twoPortWsdl(String address) {
    String ops =
        "<operation name=\"Add\"><input message=\"tns:AddIn\"/><output message=\"tns:AddOut\"/></operation>";
    String bindingOps =
        "<operation name=\"Add\"><%1$s:operation soapAction=\"http://tempuri.org/Add\"/>"
            + "<input><%1$s:body use=\"literal\"/></input><output><%1$s:body use=\"literal\"/></output>"
            + "</operation>";
    return "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\""
        + " xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\""
        + " xmlns:soap12=\"http://schemas.xmlsoap.org/wsdl/soap12/\""
        + " xmlns:tns=\"http://tempuri.org/\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
        + " targetNamespace=\"http://tempuri.org/\">"
        + "<types><xs:schema targetNamespace=\"http://tempuri.org/\" elementFormDefault=\"qualified\">"
        + "<xs:element name=\"Add\"><xs:complexType><xs:sequence>"
        + "<xs:element name=\"intA\" type=\"xs:int\"/><xs:element name=\"intB\" type=\"xs:int\"/>"
        + "</xs:sequence></xs:complexType></xs:element>"
        + "<xs:element name=\"AddResponse\"><xs:complexType><xs:sequence>"
        + "<xs:element name=\"AddResult\" type=\"xs:int\"/></xs:sequence></xs:complexType></xs:element>"
        + "</xs:schema></types>"
        + "<message name=\"AddIn\"><part name=\"parameters\" element=\"tns:Add\"/></message>"
        + "<message name=\"AddOut\"><part name=\"parameters\" element=\"tns:AddResponse\"/></message>"
        + "<portType name=\"CalculatorSoap\">"
        + ops
        + "</portType>"
        + "<binding name=\"CalculatorSoap\" type=\"tns:CalculatorSoap\">"
        + "<soap:binding transport=\"http://schemas.xmlsoap.org/soap/http\"/>"
        + String.format(bindingOps, "soap")
        + "</binding>"
        + "<binding name=\"CalculatorSoap12\" type=\"tns:CalculatorSoap\">"
        + "<soap12:binding transport=\"http://schemas.xmlsoap.org/soap/http\"/>"
        + String.format(bindingOps, "soap12")
        + "</binding>"
        + "<service name=\"Calculator\">"
        + "<port name=\"CalculatorSoap\" binding=\"tns:CalculatorSoap\"><soap:address location=\""
        + address
        + "\"/></port>"
        + "<port name=\"CalculatorSoap12\" binding=\"tns:CalculatorSoap12\"><soap12:address location=\""
        + address
        + "\"/></port>"
        + "</service></definitions>";
  }

  @Test
  void aClashingOperationIsNamedServicePortOperation() {
    services.document("/two-ports.wsdl", twoPortWsdl(services.url("/calculator")));

    assertThat(connect(services.url("/two-ports.wsdl")).methods())
        .containsExactlyInAnyOrder("Add", "Calculator_CalculatorSoap12_Add");
  }

  @Test
  void configuredOperationsAddTheirNamesAndNoLongNames() {
    services.document("/two-ports-mapped.wsdl", twoPortWsdl(services.url("/calculator")));

    SoapOperations soap =
        connect(
            services.url("/two-ports-mapped.wsdl"),
            "operations",
            map("sum", map("service", "Calculator", "port", "CalculatorSoap", "operation", "Add")));

    assertThat(soap.methods()).containsExactlyInAnyOrder("sum", "Add");
    assertThat(db.dao("Svc").invoke("sum", map("intA", 2, "intB", 3), Options.NONE))
        .isEqualTo(Map.of("AddResult", 5L));
  }

  @Test
  void anOperationsEntryMatchingNothingIsAConfigurationError() {
    services.document("/two-ports-bad.wsdl", twoPortWsdl(services.url("/calculator")));

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                connect(
                        services.url("/two-ports-bad.wsdl"),
                        "operations",
                        map("sum", map("operation", "Sum")))
                    .methods());

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains("operations.sum").contains("Calculator/CalculatorSoap/Add");
  }

  @Test
  void aWsdlFileWorksWithTheEndpointFromItsAddress() throws Exception {
    Path file = temp.resolve("calculator.wsdl");
    Files.writeString(file, twoPortWsdl(services.url("/calculator")));

    connect(file.toString());

    assertThat(db.dao("Svc").invoke("Add", map("intA", 20, "intB", 22), Options.NONE))
        .isEqualTo(Map.of("AddResult", 42L));
  }

  // ---------------------------------------------------------------- hooks

  @Test
  void hooksSeeTheWsdlFetchTheEnvelopeAndTheHttpExchange() throws Exception {
    create(services.url("/calculator") + "?wsdl", "lazyConnect", true);
    List<Object> requests = new CopyOnWriteArrayList<>();
    List<Object> responses = new CopyOnWriteArrayList<>();
    db.unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void beforeExecute(ExecuteContext context) {
                requests.add(context.request());
                if (context.request() instanceof SoapRequest soap) {
                  Map<String, List<String>> headers = new java.util.HashMap<>(soap.httpHeaders());
                  headers.put("X-Trace", List.of("hooked"));
                  context.setRequest(
                      new SoapRequest(
                          soap.method(),
                          soap.service(),
                          soap.port(),
                          soap.operation(),
                          soap.endpoint(),
                          soap.soapAction(),
                          soap.envelope(),
                          headers));
                }
              }

              @Override
              public void afterExecute(ExecuteContext context) {
                responses.add(context.response());
              }
            });

    db.define("{\"name\": \"Svc\"}");
    db.dao("Svc").invoke("Add", map("intA", 4, "intB", 5), Options.NONE);

    assertThat(requests).first().isInstanceOf(HttpRequest.class);
    assertThat(responses).first().isInstanceOf(HttpResponse.class);
    SoapRequest soap = (SoapRequest) requests.get(requests.size() - 1);
    assertThat(soap.soapAction()).isEqualTo("http://tempuri.org/Add");
    assertThat(xml(soap.envelope())).contains("<ns1:intA>4</ns1:intA>");
    SoapResponse response = (SoapResponse) responses.get(responses.size() - 1);
    assertThat(response.status()).isEqualTo(200);
    assertThat(xml(response.envelope())).contains("AddResult>9<");
    assertThat(services.requests("/calculator"))
        .anySatisfy(r -> assertThat(r.get("X-trace")).containsExactly("hooked"));
  }

  private static String xml(SOAPMessage message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
