package io.connectorkit.connector.soap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a WSDL of enterprise size spread over documents the way such WSDLs are: a service WSDL
 * importing a bindings WSDL importing an abstract WSDL (messages and port type), whose types import
 * a message schema, which imports a domain schema (a chain of includes over two folders ending in a
 * cycle) and a common schema (importing the domain schema back), both of which include one schema
 * without a target namespace (chameleon). Deterministic: the same arguments give the same bytes.
 *
 * <p>Per entity {@code X}: an enumeration {@code XStatus} and the complex types {@code XKey},
 * {@code XLine}, {@code XBase} (extends {@code c:Identified}), {@code X} (extends {@code XBase}),
 * {@code XFilter}, {@code XPage}, {@code XSummary}; and the operations {@code GetX}, {@code
 * SearchX}, {@code SaveX} (whose request carries a SOAP header part), bound to a SOAP 1.1 port, a
 * SOAP 1.2 port and an HTTP GET port.
 */
final class BigWsdl {
  static final String ABSTRACT = "urn:ck:big:abstract";
  static final String BINDING = "urn:ck:big:binding";
  static final String SERVICE = "urn:ck:big:service";
  static final String MSG = "urn:ck:big:msg";
  static final String DOMAIN = "urn:ck:big:domain";
  static final String COMMON = "urn:ck:big:common";
  static final String ROOT = "service.wsdl";

  private static final String XS = "http://www.w3.org/2001/XMLSchema";
  private static final String NOUNS =
      "Order Invoice Customer Supplier Product Shipment Payment Contract Account Employee Project"
          + " Ticket Asset Warehouse Campaign Lead Quote Refund Subscription Vendor Budget Claim"
          + " Policy Vehicle Booking";
  private static final int PER_DOCUMENT = 5;
  private static final int FIRST_FOLDER = 5;

  private final List<String> entities = new ArrayList<>();
  private final Map<String, String> documents = new LinkedHashMap<>();
  private final String endpoint;

  /**
   * @param entityCount how many entities (8 types and 3 operations each)
   * @param endpoint the address of every port
   */
  BigWsdl(int entityCount, String endpoint) {
    this.endpoint = endpoint;
    String[] nouns = NOUNS.split(" ");
    for (int i = 0; i < entityCount; i++) {
      entities.add(nouns[i % nouns.length] + (i < nouns.length ? "" : "V" + (i / nouns.length)));
    }
    documents.put(ROOT, service());
    documents.put("bindings/bindings.wsdl", bindings());
    documents.put("abstract/abstract.wsdl", abstractWsdl());
    documents.put("xsd/messages.xsd", messages());
    documents.put("xsd/common/common.xsd", common());
    documents.put("xsd/common/audit.xsd", audit());
    documents.put("xsd/codelists/codes.xsd", codes());
    int domainDocuments = (entityCount + PER_DOCUMENT - 1) / PER_DOCUMENT;
    for (int d = 0; d < domainDocuments; d++) {
      documents.put(domainPath(d), domain(d, domainDocuments));
    }
  }

  /** Relative path → document text; the first is the root WSDL. */
  Map<String, String> documents() {
    return documents;
  }

  List<String> entities() {
    return entities;
  }

  /** Every operation, in port type order. */
  List<String> operations() {
    List<String> operations = new ArrayList<>();
    for (String entity : entities) {
      operations.add("Get" + entity);
      operations.add("Search" + entity);
      operations.add("Save" + entity);
    }
    return operations;
  }

  long bytes() {
    return documents.values().stream()
        .mapToLong(d -> d.getBytes(StandardCharsets.UTF_8).length)
        .sum();
  }

  /** Named complex and simple types over all schemas. */
  int typeCount() {
    int count = 0;
    for (String document : documents.values()) {
      count += occurrences(document, "<xs:complexType name=");
      count += occurrences(document, "<xs:simpleType name=");
    }
    return count;
  }

  private static int occurrences(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }

  // ---------------------------------------------------------------- WSDL documents

  private static String doc(String text) {
    return "<wsdl:documentation>" + text + "</wsdl:documentation>";
  }

  private String service() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
            xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
            xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
            xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"
            xmlns:b="%2$s" targetNamespace="%3$s">
          <wsdl:import namespace="%2$s" location="bindings/bindings.wsdl"/>
          <wsdl:service name="BigService">
            %4$s
            <wsdl:port name="BigSoap" binding="b:BigSoap"><soap:address location="%1$s"/></wsdl:port>
            <wsdl:port name="BigSoap12" binding="b:BigSoap12"><soap12:address location="%1$s"/></wsdl:port>
            <wsdl:port name="BigHttpGet" binding="b:BigHttpGet"><http:address location="%1$s"/></wsdl:port>
          </wsdl:service>
        </wsdl:definitions>
        """
        .formatted(
            endpoint,
            BINDING,
            SERVICE,
            doc("The enterprise back office: " + entities.size() + " entities."));
  }

  private String bindings() {
    StringBuilder out = new StringBuilder();
    out.append(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
            xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
            xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
            xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"
            xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/"
            xmlns:a="%s" targetNamespace="%s">
          <wsdl:import namespace="%1$s" location="../abstract/abstract.wsdl"/>
        """
            .formatted(ABSTRACT, BINDING));
    for (String soap : List.of("soap", "soap12")) {
      out.append("  <wsdl:binding name=\"")
          .append(soap.equals("soap") ? "BigSoap" : "BigSoap12")
          .append("\" type=\"a:BigPortType\">\n    <")
          .append(soap)
          .append(
              ":binding style=\"document\" transport=\"http://schemas.xmlsoap.org/soap/http\"/>\n");
      for (String operation : operations()) {
        boolean save = operation.startsWith("Save");
        out.append("    <wsdl:operation name=\"")
            .append(operation)
            .append("\">\n      <")
            .append(soap)
            .append(":operation soapAction=\"urn:ck:big/")
            .append(operation)
            .append("\" style=\"document\"/>\n      <wsdl:input>");
        if (save) {
          out.append('<')
              .append(soap)
              .append(":header message=\"a:")
              .append(operation)
              .append("Request\" part=\"context\" use=\"literal\"/><")
              .append(soap)
              .append(":body parts=\"parameters\" use=\"literal\"/>");
        } else {
          out.append('<').append(soap).append(":body use=\"literal\"/>");
        }
        out.append("</wsdl:input>\n      <wsdl:output><")
            .append(soap)
            .append(":body use=\"literal\"/></wsdl:output>\n")
            .append("      <wsdl:fault name=\"ServiceFault\"><")
            .append(soap)
            .append(":fault name=\"ServiceFault\" use=\"literal\"/></wsdl:fault>\n")
            .append("    </wsdl:operation>\n");
      }
      out.append("  </wsdl:binding>\n");
    }
    out.append(
        "  <wsdl:binding name=\"BigHttpGet\" type=\"a:BigPortType\">\n"
            + "    <http:binding verb=\"GET\"/>\n");
    for (String operation : operations().subList(0, Math.min(3, operations().size()))) {
      out.append("    <wsdl:operation name=\"")
          .append(operation)
          .append("\"><http:operation location=\"/")
          .append(operation)
          .append("\"/><wsdl:input><http:urlEncoded/></wsdl:input>")
          .append("<wsdl:output><mime:mimeXml part=\"parameters\"/></wsdl:output>")
          .append("</wsdl:operation>\n");
    }
    out.append("  </wsdl:binding>\n</wsdl:definitions>\n");
    return out.toString();
  }

  private String abstractWsdl() {
    StringBuilder out = new StringBuilder();
    out.append(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
            xmlns:xs="%s" xmlns:a="%s" xmlns:m="%s" targetNamespace="%2$s">
          %s
          <wsdl:types>
            <xs:schema targetNamespace="urn:ck:big:abstract:types">
              <xs:import namespace="%3$s" schemaLocation="../xsd/messages.xsd"/>
            </xs:schema>
          </wsdl:types>
          <wsdl:message name="ServiceFault"><wsdl:part name="fault" element="m:ServiceFault"/></wsdl:message>
        """
            .formatted(XS, ABSTRACT, MSG, doc("Messages and the port type of the back office.")));
    for (String operation : operations()) {
      out.append("  <wsdl:message name=\"")
          .append(operation)
          .append("Request\"><wsdl:part name=\"parameters\" element=\"m:")
          .append(operation)
          .append("\"/>");
      if (operation.startsWith("Save")) {
        out.append("<wsdl:part name=\"context\" element=\"m:RequestContext\"/>");
      }
      out.append("</wsdl:message>\n  <wsdl:message name=\"")
          .append(operation)
          .append("Response\"><wsdl:part name=\"parameters\" element=\"m:")
          .append(operation)
          .append("Response\"/></wsdl:message>\n");
    }
    out.append("  <wsdl:portType name=\"BigPortType\">\n");
    for (String operation : operations()) {
      out.append("    <wsdl:operation name=\"")
          .append(operation)
          .append("\">")
          .append(doc(prose(operation)))
          .append("<wsdl:input message=\"a:")
          .append(operation)
          .append("Request\"/><wsdl:output message=\"a:")
          .append(operation)
          .append("Response\"/><wsdl:fault name=\"ServiceFault\" message=\"a:ServiceFault\"/>")
          .append("</wsdl:operation>\n");
    }
    out.append("  </wsdl:portType>\n</wsdl:definitions>\n");
    return out.toString();
  }

  // ---------------------------------------------------------------- schemas

  private static String annotation(String text) {
    return "<xs:annotation><xs:documentation>" + text + "</xs:documentation></xs:annotation>";
  }

  /** Filler documentation of realistic length; enterprise schemas carry a lot of it. */
  private static String prose(String subject) {
    return subject
        + " as exchanged between the back office and its partners. Values are validated by the"
        + " service; optional elements left out keep their stored value, and dates are in the"
        + " time zone of the tenant unless an offset is given.";
  }

  private String messages() {
    StringBuilder out = new StringBuilder();
    out.append(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="%s" xmlns:m="%s" xmlns:d="%s" xmlns:c="%s"
            targetNamespace="%2$s" elementFormDefault="qualified">
          <xs:import namespace="%3$s" schemaLocation="domain/domain.xsd"/>
          <xs:import namespace="%4$s" schemaLocation="common/common.xsd"/>
          <xs:element name="RequestContext">
            <xs:complexType><xs:sequence>
              <xs:element name="tenant" type="xs:string"/>
              <xs:element name="correlationId" type="xs:string"/>
            </xs:sequence></xs:complexType>
          </xs:element>
          <xs:element name="ServiceFault">
            <xs:complexType><xs:sequence>
              <xs:element name="code" type="xs:int"/>
              <xs:element name="message" type="xs:string"/>
            </xs:sequence></xs:complexType>
          </xs:element>
        """
            .formatted(XS, MSG, DOMAIN, COMMON));
    for (String x : entities) {
      out.append(
          """
            <xs:element name="Get%1$s">
              %2$s
              <xs:complexType><xs:sequence>
                <xs:element name="key" type="d:%1$sKey"/>
                <xs:element name="asOf" type="xs:dateTime" minOccurs="0"/>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="Get%1$sResponse">
              <xs:complexType><xs:sequence>
                <xs:element name="result" type="d:%1$s" minOccurs="0"/>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="Search%1$s">
              <xs:complexType><xs:sequence>
                <xs:element name="filter" type="d:%1$sFilter"/>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="Search%1$sResponse">
              <xs:complexType><xs:sequence>
                <xs:element name="page" type="d:%1$sPage"/>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="Save%1$s">
              <xs:complexType><xs:sequence>
                <xs:element name="entity" type="d:%1$s"/>
                <xs:element name="validateOnly" type="xs:boolean" minOccurs="0"/>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="Save%1$sResponse">
              <xs:complexType><xs:sequence>
                <xs:element name="summary" type="d:%1$sSummary"/>
                <xs:element name="warning" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
              </xs:sequence></xs:complexType>
            </xs:element>
          """
              .formatted(x, annotation(prose("The request for one " + x))));
    }
    out.append("</xs:schema>\n");
    return out.toString();
  }

  /** Local elements unqualified; global ones (and the global attribute) in the namespace. */
  private String common() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="%s" xmlns:c="%s" xmlns:d="%s"
            targetNamespace="%2$s" elementFormDefault="unqualified">
          <xs:import namespace="%3$s" schemaLocation="../domain/domain.xsd"/>
          <xs:include schemaLocation="../codelists/codes.xsd"/>
          <xs:include schemaLocation="audit.xsd"/>
          <xs:attribute name="source" type="xs:int"/>
          <xs:simpleType name="CurrencyCode">
            <xs:restriction base="xs:string"><xs:length value="3"/></xs:restriction>
          </xs:simpleType>
          <xs:complexType name="Money">
            %4$s
            <xs:simpleContent>
              <xs:extension base="xs:decimal">
                <xs:attribute name="currency" type="c:CurrencyCode" use="required"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>
          <xs:complexType name="Identified">
            <xs:sequence><xs:element name="id" type="xs:long"/></xs:sequence>
            <xs:attribute name="version" type="xs:int"/>
          </xs:complexType>
          <xs:complexType name="Address">
            <xs:sequence>
              <xs:element name="street" type="xs:string" maxOccurs="3"/>
              <xs:element name="city" type="xs:string"/>
              <xs:element name="postalCode" type="xs:string" minOccurs="0"/>
              <xs:element name="country" type="c:CountryCode"/>
              <xs:element name="countryRef" type="c:CodeRef" minOccurs="0"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="Paging">
            <xs:sequence>
              <xs:element name="offset" type="xs:int"/>
              <xs:element name="limit" type="xs:int"/>
              <xs:element name="sort" type="d:SortSpec" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
          </xs:complexType>
          <xs:element name="auditInfo" type="c:AuditInfo"/>
        </xs:schema>
        """
        .formatted(XS, COMMON, DOMAIN, annotation(prose("An amount in a currency")));
  }

  private String audit() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="%s" xmlns:c="%s" targetNamespace="%2$s">
          <xs:complexType name="AuditInfo">
            <xs:sequence>
              <xs:element name="createdAt" type="xs:dateTime"/>
              <xs:element name="createdBy" type="xs:string"/>
              <xs:element name="changedAt" type="xs:dateTime" minOccurs="0"/>
            </xs:sequence>
          </xs:complexType>
        </xs:schema>
        """
        .formatted(XS, COMMON);
  }

  /**
   * No target namespace: each includer's becomes its namespace, and its unprefixed references
   * ({@code type="CodeKind"}) mean the includer's namespace too.
   */
  private static String codes() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="%s" elementFormDefault="qualified">
          <xs:simpleType name="CodeKind">
            <xs:restriction base="xs:string">
              <xs:enumeration value="SYSTEM"/><xs:enumeration value="USER"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="CountryCode">
            <xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="CodeWeight">
            <xs:restriction base="xs:decimal"><xs:fractionDigits value="2"/></xs:restriction>
          </xs:simpleType>
          <xs:complexType name="CodeRef">
            <xs:sequence>
              <xs:element name="code" type="xs:string"/>
              <xs:element name="kind" type="CodeKind"/>
              <xs:element name="weight" type="CodeWeight" minOccurs="0"/>
            </xs:sequence>
            <xs:attribute name="listVersion" type="xs:int"/>
          </xs:complexType>
        </xs:schema>
        """
        .formatted(XS);
  }

  /** Domain documents 0..4 in {@code xsd/domain/}, the rest in {@code xsd/domain/more/}. */
  private static String domainPath(int d) {
    if (d == 0) {
      return "xsd/domain/domain.xsd";
    }
    return d < FIRST_FOLDER
        ? "xsd/domain/domain-" + d + ".xsd"
        : "xsd/domain/more/domain-" + d + ".xsd";
  }

  /** The location of domain document {@code to} relative to document {@code from}. */
  private static String domainLocation(int from, int to) {
    String target = domainPath(to).substring("xsd/domain/".length());
    boolean fromMore = from >= FIRST_FOLDER;
    boolean toMore = to >= FIRST_FOLDER;
    if (fromMore == toMore) {
      return target.substring(target.lastIndexOf('/') + 1);
    }
    return fromMore ? "../" + target : target;
  }

  private String domain(int d, int count) {
    String up = d >= FIRST_FOLDER ? "../../" : "../";
    StringBuilder out = new StringBuilder();
    out.append(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="%s" xmlns:d="%s" xmlns:c="%s"
            targetNamespace="%2$s" elementFormDefault="qualified">
        """
            .formatted(XS, DOMAIN, COMMON));
    // A chain of includes that closes into a cycle: 0 → 1 → … → last → 0.
    out.append("  <xs:include schemaLocation=\"")
        .append(domainLocation(d, (d + 1) % count))
        .append("\"/>\n");
    if (d == 0) {
      out.append("  <xs:include schemaLocation=\"")
          .append(up)
          .append("codelists/codes.xsd\"/>\n")
          .append("  <xs:import namespace=\"")
          .append(COMMON)
          .append("\" schemaLocation=\"")
          .append(up)
          .append("common/common.xsd\"/>\n")
          .append(
              """
                <xs:complexType name="SortSpec">
                  <xs:sequence>
                    <xs:element name="field" type="xs:string"/>
                    <xs:element name="descending" type="xs:boolean" default="false"/>
                  </xs:sequence>
                </xs:complexType>
                <xs:group name="Validity">
                  <xs:sequence>
                    <xs:element name="validFrom" type="xs:date"/>
                    <xs:element name="validTo" type="xs:date" minOccurs="0"/>
                  </xs:sequence>
                </xs:group>
                <xs:group name="Timestamps">
                  <xs:sequence>
                    <xs:element name="created" type="xs:dateTime"/>
                    <xs:group ref="d:Validity"/>
                  </xs:sequence>
                </xs:group>
              """);
    }
    for (int i = d * PER_DOCUMENT; i < Math.min(entities.size(), (d + 1) * PER_DOCUMENT); i++) {
      out.append(entityTypes(i));
    }
    out.append("</xs:schema>\n");
    return out.toString();
  }

  private String entityTypes(int i) {
    String x = entities.get(i);
    // Each entity refers to the key of the one before it (the first to the last: a forward
    // reference into a document read later).
    String related = entities.get((i + entities.size() - 1) % entities.size());
    return """
          <xs:simpleType name="%1$sStatus">
            <xs:restriction base="xs:string">
              <xs:enumeration value="DRAFT"/><xs:enumeration value="ACTIVE"/>
              <xs:enumeration value="SUSPENDED"/><xs:enumeration value="CLOSED"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:complexType name="%1$sKey">
            <xs:sequence>
              <xs:element name="id" type="xs:long"/>
              <xs:element name="region" type="xs:string" minOccurs="0"/>
            </xs:sequence>
            <xs:attribute name="scope" type="xs:string"/>
          </xs:complexType>
          <xs:complexType name="%1$sLine">
            %3$s
            <xs:sequence>
              <xs:element name="lineNo" type="xs:int"/>
              <xs:element name="sku" type="xs:string"/>
              <xs:element name="quantity" type="xs:decimal"/>
              <xs:element name="unitPrice" type="c:Money"/>
              <xs:element name="note" type="xs:string" minOccurs="0" nillable="true"/>
              <xs:element name="tag" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="%1$sBase">
            <xs:complexContent>
              <xs:extension base="c:Identified">
                <xs:sequence>
                  <xs:element name="name" type="xs:string"/>
                  <xs:element name="status" type="d:%1$sStatus"/>
                  <xs:group ref="d:Timestamps"/>
                </xs:sequence>
              </xs:extension>
            </xs:complexContent>
          </xs:complexType>
          <xs:complexType name="%1$s">
            %4$s
            <xs:complexContent>
              <xs:extension base="d:%1$sBase">
                <xs:sequence>
                  <xs:element name="key" type="d:%1$sKey"/>
                  <xs:element name="line" type="d:%1$sLine" minOccurs="0" maxOccurs="unbounded"/>
                  <xs:element name="address" type="c:Address" minOccurs="0"/>
                  <xs:element name="total" type="c:Money"/>
                  <xs:element name="active" type="xs:boolean"/>
                  <xs:element name="priority" type="xs:short" minOccurs="0"/>
                  <xs:element name="ratio" type="xs:double" minOccurs="0"/>
                  <xs:element name="category" type="d:CodeRef" minOccurs="0"/>
                  <xs:element name="related" type="d:%2$sKey" minOccurs="0" maxOccurs="unbounded"/>
                  <xs:element ref="c:auditInfo" minOccurs="0"/>
                </xs:sequence>
                <xs:attribute name="revision" type="xs:int"/>
                <xs:attribute ref="c:source"/>
              </xs:extension>
            </xs:complexContent>
          </xs:complexType>
          <xs:complexType name="%1$sFilter">
            <xs:sequence>
              <xs:element name="status" type="d:%1$sStatus" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="from" type="xs:date" minOccurs="0"/>
              <xs:element name="to" type="xs:date" minOccurs="0"/>
              <xs:element name="text" type="xs:string" minOccurs="0"/>
              <xs:element name="paging" type="c:Paging"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="%1$sPage">
            <xs:sequence>
              <xs:element name="item" type="d:%1$s" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="total" type="xs:long"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="%1$sSummary">
            <xs:sequence>
              <xs:element name="key" type="d:%1$sKey"/>
              <xs:element name="name" type="xs:string"/>
              <xs:element name="total" type="c:Money"/>
            </xs:sequence>
          </xs:complexType>
        """
        .formatted(
            x,
            related,
            annotation(prose("One line of a " + x)),
            annotation(prose("A " + x + " with its lines, address and audit trail")));
  }
}
