package io.connectorkit.connector.soap;

import static io.connectorkit.connector.soap.SoapInvokeTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.spi.Connector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A WSDL of enterprise size ({@link BigWsdl}: 50 entities, 411 named types, 150 operations on a
 * SOAP 1.1, a SOAP 1.2 and an HTTP port, 17 documents linked by WSDL imports, schema imports,
 * chained and cyclic includes and a chameleon include) served over HTTP, and a hand-written
 * endpoint answering its operations over real HTTP.
 */
class SoapBigWsdlTest {
  private static final Logger LOG = LoggerFactory.getLogger(SoapBigWsdlTest.class);
  private static final int ENTITIES = 50;
  private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
  private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  private static SoapServices services;
  private static BigWsdl wsdl;
  private static DataSource db;
  private static long firstConnectMillis;
  private static final List<String> exchanges = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void serveAndConnect() {
    services = new SoapServices();
    wsdl = new BigWsdl(ENTITIES, services.url("/big/endpoint"));
    wsdl.documents().forEach((path, text) -> services.document("/big/" + path, text));
    services.handle("/big/endpoint", SoapBigWsdlTest::answer);
    long start = System.nanoTime();
    db =
        DataSources.create(
            "big", map("connector", "soap", "wsdl", services.url("/big/service.wsdl")));
    firstConnectMillis = (System.nanoTime() - start) / 1_000_000;
    db.define("{\"name\": \"Big\"}");
    LOG.info(
        "big WSDL: {} documents, {} bytes, {} named types, {} operations per SOAP port;"
            + " first connect {} ms",
        wsdl.documents().size(),
        wsdl.bytes(),
        wsdl.typeCount(),
        wsdl.operations().size(),
        firstConnectMillis);
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
    services.close();
  }

  private static SoapOperations soap() {
    return (SoapOperations) db.unwrap(Connector.class);
  }

  @Test
  void theGeneratedWsdlHasEnterpriseSize() {
    assertThat(wsdl.documents()).hasSize(17);
    assertThat(wsdl.bytes()).isGreaterThan(500_000);
    assertThat(wsdl.typeCount()).isGreaterThan(400);
    assertThat(wsdl.operations()).hasSize(3 * ENTITIES);
  }

  @Test
  void connectReadsEveryDocumentOnceAndQuickly() {
    for (String path : wsdl.documents().keySet()) {
      assertThat(services.requests("/big/" + path)).as(path).hasSize(1);
    }
    // Generous: it takes about half a second cold; a quadratic lookup would take far longer.
    assertThat(firstConnectMillis).isLessThan(10_000);
    long start = System.nanoTime();
    try (DataSource again =
        DataSources.create(
            "big2", map("connector", "soap", "wsdl", services.url("/big/service.wsdl")))) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      LOG.info("big WSDL: second connect {} ms", millis);
      assertThat(((SoapOperations) again.unwrap(Connector.class)).methods())
          .hasSize(2 * 3 * ENTITIES);
    }
  }

  @Test
  void everySoapOperationIsAMethodAndTheSoap12PortsAreLongNames() {
    Set<String> expected = new HashSet<>(wsdl.operations());
    for (String operation : wsdl.operations()) {
      expected.add("BigService_BigSoap12_" + operation);
    }

    assertThat(soap().methods()).hasSize(300).isEqualTo(expected);
    assertThat(soap().methods())
        .contains(
            "GetOrder",
            "SaveBookingV1",
            "BigService_BigSoap12_SearchWarehouse",
            "BigService_BigSoap12_GetBookingV1")
        .noneMatch(name -> name.contains("BigHttpGet"));
  }

  /** Input of every shape, keys in reverse order: the XML follows the schema. */
  private static Map<String, Object> customerInput() {
    return map(
        "validateOnly",
        false,
        "entity",
        map(
            "auditInfo",
            map("createdBy", "alice", "createdAt", "2024-01-02T03:04:05Z"),
            "related",
            List.of(map("id", 9)),
            "category",
            map("weight", 1.5, "kind", "USER", "code", "VIP", "$attributes", map("listVersion", 2)),
            "active",
            true,
            "total",
            map("$value", new BigDecimal("99.90"), "$attributes", map("currency", "EUR")),
            "address",
            map(
                "countryRef",
                map("kind", "SYSTEM", "code", "DE"),
                "country",
                "DE",
                "city",
                "Berlin",
                "street",
                List.of("Main 1", "Hof 2")),
            "line",
            List.of(
                map(
                    "unitPrice",
                    map("$attributes", map("currency", "EUR"), "$value", 49.95),
                    "tag",
                    List.of("x", "y"),
                    "note",
                    null,
                    "sku",
                    "A-1",
                    "quantity",
                    2,
                    "lineNo",
                    1)),
            "key",
            map("region", "EU", "id", 42, "$attributes", map("scope", "global")),
            "validFrom",
            "2024-01-01",
            "created",
            Instant.parse("2024-01-02T03:04:05Z"),
            "status",
            "ACTIVE",
            "name",
            "Ada",
            "id",
            42,
            "$attributes",
            map("source", 7, "revision", 3, "version", 1)));
  }

  @Test
  void jsonToXmlOfADeepOperationFollowsSchemaOrderAndNamespaces() {
    // CustomerV1 is declared in a document of the include chain in the domain/more folder.
    String xml = soap().jsonToXml("SaveCustomerV1", customerInput());

    // ns1 messages, ns2 common (first used by the global attribute source), ns3 domain. Common's
    // local elements (id, street, createdAt, …) are unqualified, its global element and attribute
    // are not; the chameleon CodeRef is in domain under category and in common under countryRef.
    assertThat(xml)
        .isEqualTo(
            "<ns1:SaveCustomerV1 xmlns:ns1=\"urn:ck:big:msg\" xmlns:ns2=\"urn:ck:big:common\""
                + " xmlns:ns3=\"urn:ck:big:domain\">"
                + "<ns1:entity ns2:source=\"7\" revision=\"3\" version=\"1\">"
                + "<id>42</id><ns3:name>Ada</ns3:name><ns3:status>ACTIVE</ns3:status>"
                + "<ns3:created>2024-01-02T03:04:05Z</ns3:created>"
                + "<ns3:validFrom>2024-01-01</ns3:validFrom>"
                + "<ns3:key scope=\"global\"><ns3:id>42</ns3:id><ns3:region>EU</ns3:region></ns3:key>"
                + "<ns3:line><ns3:lineNo>1</ns3:lineNo><ns3:sku>A-1</ns3:sku>"
                + "<ns3:quantity>2</ns3:quantity><ns3:unitPrice currency=\"EUR\">49.95</ns3:unitPrice>"
                + "<ns3:note xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>"
                + "<ns3:tag>x</ns3:tag><ns3:tag>y</ns3:tag></ns3:line>"
                + "<ns3:address><street>Main 1</street><street>Hof 2</street><city>Berlin</city>"
                + "<country>DE</country><countryRef><ns2:code>DE</ns2:code>"
                + "<ns2:kind>SYSTEM</ns2:kind></countryRef></ns3:address>"
                + "<ns3:total currency=\"EUR\">99.90</ns3:total><ns3:active>true</ns3:active>"
                + "<ns3:category listVersion=\"2\"><ns3:code>VIP</ns3:code><ns3:kind>USER</ns3:kind>"
                + "<ns3:weight>1.5</ns3:weight></ns3:category>"
                + "<ns3:related><ns3:id>9</ns3:id></ns3:related>"
                + "<ns2:auditInfo><createdAt>2024-01-02T03:04:05Z</createdAt>"
                + "<createdBy>alice</createdBy></ns2:auditInfo>"
                + "</ns1:entity><ns1:validateOnly>false</ns1:validateOnly></ns1:SaveCustomerV1>");
  }

  @Test
  void xmlToJsonTypesAResponseByTheSchema() {
    Object json = soap().xmlToJson("GetCustomerV1", getResponse(SOAP11, "CustomerV1", 42, "EU"));

    assertThat(json).isEqualTo(map("result", customerResult(42, "EU")));
  }

  /** The typed JSON of {@link #getResponse}'s result. */
  private static Map<String, Object> customerResult(long id, String region) {
    return map(
        "$attributes",
        map("version", 3L, "revision", 12L, "source", 7L),
        "id",
        id,
        "name",
        "CustomerV1 " + id,
        "status",
        "ACTIVE",
        "created",
        "2024-05-06T07:08:09.5Z",
        "validFrom",
        "2024-05-06",
        "key",
        map("$attributes", map("scope", "global"), "id", id, "region", region),
        "line",
        List.of(
            map(
                "lineNo",
                1L,
                "sku",
                "SKU-1",
                "quantity",
                new BigDecimal("2.500"),
                "unitPrice",
                map("$attributes", map("currency", "EUR"), "$value", new BigDecimal("10.00")),
                "note",
                null,
                "tag",
                List.of("x")),
            map(
                "lineNo",
                2L,
                "sku",
                "SKU-2",
                "quantity",
                new BigDecimal("1"),
                "unitPrice",
                map("$attributes", map("currency", "EUR"), "$value", new BigDecimal("5.00")))),
        "address",
        map(
            "street",
            List.of("Main 1"),
            "city",
            "Berlin",
            "country",
            "DE",
            "countryRef",
            map(
                "$attributes",
                map("listVersion", 2L),
                "code",
                "DE",
                "kind",
                "SYSTEM",
                "weight",
                new BigDecimal("0.75"))),
        "total",
        map("$attributes", map("currency", "EUR"), "$value", new BigDecimal("25.00")),
        "active",
        true,
        "priority",
        3L,
        "ratio",
        0.25,
        "category",
        map(
            "$attributes",
            map("listVersion", 1L),
            "code",
            "A",
            "kind",
            "USER",
            "weight",
            new BigDecimal("1.50")),
        "related",
        List.of(map("id", 41L)),
        "auditInfo",
        map("createdAt", "2024-05-06T07:08:09Z", "createdBy", "alice"));
  }

  @Test
  void invokeGoesOverHttpToTheSoap11Port() {
    exchanges.clear();

    Object result =
        db.dao("Big")
            .invoke("GetCustomerV1", map("key", map("id", 77, "region", "APAC")), Options.NONE);

    assertThat(result).isEqualTo(map("result", customerResult(77, "APAC")));
    assertThat(exchanges).containsExactly("1.1 \"urn:ck:big/GetCustomerV1\" GetCustomerV1");
  }

  @Test
  void invokeGoesOverHttpToTheSoap12Port() {
    exchanges.clear();
    Map<String, Object> input = customerInput();

    Object result =
        db.dao("Big").invoke("BigService_BigSoap12_SaveCustomerV1", input, Options.NONE);

    assertThat(result)
        .isEqualTo(
            map(
                "summary",
                map(
                    "key",
                    map("id", 42L),
                    "name",
                    "Ada",
                    "total",
                    map("$attributes", map("currency", "EUR"), "$value", new BigDecimal("99.90"))),
                "warning",
                List.of("validated only: false")));
    assertThat(exchanges).containsExactly("1.2 urn:ck:big/SaveCustomerV1 SaveCustomerV1");
  }

  // ---------------------------------------------------------------- the endpoint

  /**
   * The endpoint: reads the request as a SOAP server would (namespaces checked), answers GetX and
   * SaveX from what it was sent, and any other request with a Client fault.
   */
  private static void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    String response;
    String version = contentType.startsWith("application/soap+xml") ? SOAP12 : SOAP11;
    try {
      Document request = parse(body);
      Element envelope = request.getDocumentElement();
      Element call = child(child(envelope, version, "Body"), BigWsdl.MSG, null);
      String operation = call.getLocalName();
      exchanges.add(
          (version.equals(SOAP12) ? "1.2 " : "1.1 ")
              + (version.equals(SOAP12)
                  ? contentType.replaceAll(".*action=\"?([^\";]*)\"?.*", "$1")
                  : exchange.getRequestHeaders().getFirst("SOAPAction"))
              + " "
              + operation);
      if (operation.startsWith("Get")) {
        Element key = child(call, BigWsdl.MSG, "key");
        long id = Long.parseLong(child(key, BigWsdl.DOMAIN, "id").getTextContent());
        String region = child(key, BigWsdl.DOMAIN, "region").getTextContent();
        response = getResponse(version, operation.substring(3), id, region);
      } else if (operation.startsWith("Save")) {
        Element entity = child(call, BigWsdl.MSG, "entity");
        // The id of c:Identified is unqualified: common's elementFormDefault is unqualified.
        String id = child(entity, "", "id").getTextContent();
        String name = child(entity, BigWsdl.DOMAIN, "name").getTextContent();
        Element total = child(entity, BigWsdl.DOMAIN, "total");
        String validateOnly = child(call, BigWsdl.MSG, "validateOnly").getTextContent();
        response =
            envelope(
                version,
                "<m:%1$sResponse xmlns:m=\"%2$s\" xmlns:d=\"%3$s\"><m:summary><d:key><d:id>%4$s"
                        .formatted(operation, BigWsdl.MSG, BigWsdl.DOMAIN, id)
                    + "</d:id></d:key><d:name>%s</d:name><d:total currency=\"%s\">%s</d:total>"
                        .formatted(name, total.getAttribute("currency"), total.getTextContent())
                    + "</m:summary><m:warning>validated only: %s</m:warning></m:%sResponse>"
                        .formatted(validateOnly, operation));
      } else {
        throw new IllegalArgumentException("not served: " + operation);
      }
    } catch (RuntimeException e) {
      String code = version.equals(SOAP12) ? "soap:Sender" : "soap:Client";
      response =
          version.equals(SOAP12)
              ? envelope(
                  version,
                  "<soap:Fault><soap:Code><soap:Value>"
                      + code
                      + "</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang=\"en\">"
                      + e
                      + "</soap:Text></soap:Reason></soap:Fault>")
              : envelope(
                  version,
                  "<soap:Fault><faultcode>"
                      + code
                      + "</faultcode><faultstring>"
                      + e
                      + "</faultstring></soap:Fault>");
      send(exchange, 500, version, response);
      return;
    }
    send(exchange, 200, version, response);
  }

  private static void send(HttpExchange exchange, int status, String version, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .add(
            "Content-Type",
            (version.equals(SOAP12) ? "application/soap+xml" : "text/xml") + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String envelope(String version, String body) {
    return "<soap:Envelope xmlns:soap=\""
        + version
        + "\"><soap:Body>"
        + body
        + "</soap:Body></soap:Envelope>";
  }

  /** A GetXResponse as a service would send it, every kind of value in its namespace. */
  static String getResponse(String version, String entity, long id, String region) {
    String result =
        """
        <m:Get%1$sResponse xmlns:m="%2$s" xmlns:d="%3$s" xmlns:c="%4$s" xmlns:xsi="%5$s">
          <m:result version="3" revision="12" c:source="7">
            <id>%6$d</id><d:name>%1$s %6$d</d:name><d:status>ACTIVE</d:status>
            <d:created>2024-05-06T07:08:09.5Z</d:created><d:validFrom>2024-05-06</d:validFrom>
            <d:key scope="global"><d:id>%6$d</d:id><d:region>%7$s</d:region></d:key>
            <d:line>
              <d:lineNo>1</d:lineNo><d:sku>SKU-1</d:sku><d:quantity>2.500</d:quantity>
              <d:unitPrice currency="EUR">10.00</d:unitPrice><d:note xsi:nil="true"/><d:tag>x</d:tag>
            </d:line>
            <d:line>
              <d:lineNo>2</d:lineNo><d:sku>SKU-2</d:sku><d:quantity>1</d:quantity>
              <d:unitPrice currency="EUR">5.00</d:unitPrice>
            </d:line>
            <d:address>
              <street>Main 1</street><city>Berlin</city><country>DE</country>
              <countryRef listVersion="2"><c:code>DE</c:code><c:kind>SYSTEM</c:kind><c:weight>0.75</c:weight></countryRef>
            </d:address>
            <d:total currency="EUR">25.00</d:total><d:active>true</d:active>
            <d:priority>3</d:priority><d:ratio>0.25</d:ratio>
            <d:category listVersion="1"><d:code>A</d:code><d:kind>USER</d:kind><d:weight>1.50</d:weight></d:category>
            <d:related><d:id>41</d:id></d:related>
            <c:auditInfo><createdAt>2024-05-06T07:08:09Z</createdAt><createdBy>alice</createdBy></c:auditInfo>
          </m:result>
        </m:Get%1$sResponse>
        """
            .formatted(entity, BigWsdl.MSG, BigWsdl.DOMAIN, BigWsdl.COMMON, XSI, id, region);
    return envelope(version, result);
  }

  private static Document parse(byte[] bytes) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable request: " + e, e);
    }
  }

  /** The child element of that namespace ("" = none) and local name (null = any). */
  private static Element child(Element parent, String namespace, String localName) {
    List<String> seen = new ArrayList<>();
    for (Element child : Xsd.children(parent)) {
      String ns = child.getNamespaceURI() == null ? "" : child.getNamespaceURI();
      if (ns.equals(namespace) && (localName == null || localName.equals(child.getLocalName()))) {
        return child;
      }
      seen.add("{" + ns + "}" + child.getLocalName());
    }
    throw new IllegalArgumentException(
        "no {" + namespace + "}" + localName + " in " + parent.getLocalName() + ": " + seen);
  }
}
