package io.connectorkit.connector.soap;

import static io.connectorkit.connector.soap.SoapInvokeTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Connector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How schemas spread over documents are read: a chameleon schema included from two namespaces,
 * references that point into schemas read later, nested and repeated groups, attribute groups,
 * cycles of includes and imports. One operation {@code Op} whose input and output element is {@code
 * a:Root}; each test writes the schemas it needs next to the WSDL.
 */
class SoapSchemaReadingTest {
  private static final String XS = "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"";

  @TempDir Path dir;
  private DataSource db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  /** Writes the WSDL (its types import {@code a.xsd}) and the given files, and connects. */
  private SoapOperations connect(String... files) throws IOException {
    Files.writeString(
        dir.resolve("service.wsdl"),
        """
        <definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
            xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
            xmlns:tns="urn:svc" xmlns:a="urn:a" %s targetNamespace="urn:svc">
          <types><xs:schema targetNamespace="urn:svc:types">
            <xs:import namespace="urn:a" schemaLocation="a.xsd"/>
          </xs:schema></types>
          <message name="In"><part name="body" element="a:Root"/></message>
          <portType name="P"><operation name="Op"><input message="tns:In"/><output message="tns:In"/></operation></portType>
          <binding name="B" type="tns:P">
            <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
            <operation name="Op"><soap:operation soapAction="urn:Op"/>
              <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
            </operation>
          </binding>
          <service name="S"><port name="B" binding="tns:B"><soap:address location="http://127.0.0.1:9/"/></port></service>
        </definitions>
        """
            .formatted(XS));
    for (int i = 0; i < files.length; i += 2) {
      Files.createDirectories(dir.resolve(files[i]).getParent());
      Files.writeString(dir.resolve(files[i]), files[i + 1]);
    }
    db =
        DataSources.create(
            "s", map("connector", "soap", "wsdl", dir.resolve("service.wsdl").toString()));
    return (SoapOperations) db.unwrap(Connector.class);
  }

  private static final String CODES =
      """
      <xs:schema %s elementFormDefault="qualified">
        <xs:simpleType name="Kind"><xs:restriction base="xs:int"/></xs:simpleType>
        <xs:complexType name="Code">
          <xs:sequence><xs:element name="kind" type="Kind"/></xs:sequence>
        </xs:complexType>
      </xs:schema>
      """
          .formatted(XS);

  @Test
  void aChameleonSchemaIncludedFromTwoNamespacesIsReadIntoEach() throws IOException {
    SoapOperations soap =
        connect(
            "a.xsd",
            """
            <xs:schema %s xmlns:a="urn:a" xmlns:b="urn:b" targetNamespace="urn:a"
                elementFormDefault="qualified">
              <xs:include schemaLocation="codes.xsd"/>
              <xs:import namespace="urn:b" schemaLocation="b.xsd"/>
              <xs:element name="Root"><xs:complexType><xs:sequence>
                <xs:element name="mine" type="a:Code"/>
                <xs:element name="theirs" type="b:Code"/>
              </xs:sequence></xs:complexType></xs:element>
            </xs:schema>
            """
                .formatted(XS),
            "b.xsd",
            """
            <xs:schema %s targetNamespace="urn:b"><xs:include schemaLocation="codes.xsd"/></xs:schema>
            """
                .formatted(XS),
            "codes.xsd",
            CODES);

    assertThat(soap.jsonToXml("Op", map("theirs", map("kind", 2), "mine", map("kind", 1))))
        .isEqualTo(
            "<ns1:Root xmlns:ns1=\"urn:a\" xmlns:ns2=\"urn:b\"><ns1:mine><ns1:kind>1</ns1:kind>"
                + "</ns1:mine><ns1:theirs><ns2:kind>2</ns2:kind></ns1:theirs></ns1:Root>");
  }

  @Test
  void aChameleonSchemasOwnReferencesTakeTheIncludersNamespace() throws IOException {
    SoapOperations soap =
        connect(
            "a.xsd",
            """
            <xs:schema %s xmlns:a="urn:a" targetNamespace="urn:a" elementFormDefault="qualified">
              <xs:include schemaLocation="codes.xsd"/>
              <xs:element name="Root"><xs:complexType><xs:sequence>
                <xs:element name="code" type="a:Code"/>
              </xs:sequence></xs:complexType></xs:element>
            </xs:schema>
            """
                .formatted(XS),
            "codes.xsd",
            CODES);

    // type="Kind" in the chameleon schema is a:Kind, an int.
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> soap.jsonToXml("Op", map("code", map("kind", "three"))));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("Op.code.kind").contains("integer");
    assertThat(soap.xmlToJson("Op", "<Root xmlns=\"urn:a\"><code><kind>3</kind></code></Root>"))
        .isEqualTo(map("code", map("kind", 3L)));
  }

  @Test
  void attributeRefsAndAttributeGroupsResolveIntoSchemasReadLater() throws IOException {
    SoapOperations soap =
        connect(
            "a.xsd",
            """
            <xs:schema %s xmlns:a="urn:a" xmlns:b="urn:b" targetNamespace="urn:a">
              <xs:import namespace="urn:b" schemaLocation="b.xsd"/>
              <xs:element name="Root"><xs:complexType>
                <xs:attribute ref="b:stamp"/>
                <xs:attributeGroup ref="b:Flags"/>
              </xs:complexType></xs:element>
            </xs:schema>
            """
                .formatted(XS),
            "b.xsd",
            """
            <xs:schema %s xmlns:b="urn:b" targetNamespace="urn:b">
              <xs:attribute name="stamp" type="xs:long"/>
              <xs:attributeGroup name="Flags">
                <xs:attribute name="urgent" type="xs:boolean"/>
                <xs:attributeGroup ref="b:Weights"/>
              </xs:attributeGroup>
              <xs:attributeGroup name="Weights">
                <xs:attribute name="weight" type="xs:decimal"/>
              </xs:attributeGroup>
            </xs:schema>
            """
                .formatted(XS));

    assertThat(
            soap.xmlToJson(
                "Op",
                "<a:Root xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" b:stamp=\"5\" urgent=\"true\""
                    + " weight=\"1.25\"/>"))
        .isEqualTo(
            map(
                "$attributes",
                map("stamp", 5L, "urgent", true, "weight", new java.math.BigDecimal("1.25"))));
    assertThat(soap.jsonToXml("Op", map("$attributes", map("stamp", 5, "urgent", true))))
        .isEqualTo(
            "<ns1:Root xmlns:ns1=\"urn:a\" xmlns:ns2=\"urn:b\" ns2:stamp=\"5\" urgent=\"true\"/>");
  }

  @Test
  void nestedGroupsExpandAndARepeatedGroupRepeatsItsElements() throws IOException {
    SoapOperations soap =
        connect(
            "a.xsd",
            """
            <xs:schema %s xmlns:a="urn:a" targetNamespace="urn:a">
              <xs:element name="Root"><xs:complexType><xs:sequence>
                <xs:element name="head" type="xs:string"/>
                <xs:group ref="a:Pair" minOccurs="0" maxOccurs="unbounded"/>
              </xs:sequence></xs:complexType></xs:element>
              <xs:group name="Pair"><xs:sequence>
                <xs:element name="key" type="xs:string"/>
                <xs:group ref="a:Value"/>
              </xs:sequence></xs:group>
              <xs:group name="Value"><xs:sequence>
                <xs:element name="value" type="xs:int"/>
              </xs:sequence></xs:group>
            </xs:schema>
            """
                .formatted(XS));

    assertThat(
            soap.xmlToJson(
                "Op",
                "<a:Root xmlns:a=\"urn:a\"><head>h</head><key>k</key><value>1</value></a:Root>"))
        .isEqualTo(map("head", "h", "key", List.of("k"), "value", List.of(1L)));
    assertThat(soap.jsonToXml("Op", map("value", List.of(1, 2), "key", List.of("x", "y"))))
        .isEqualTo(
            "<ns1:Root xmlns:ns1=\"urn:a\"><key>x</key><key>y</key><value>1</value>"
                + "<value>2</value></ns1:Root>");
  }

  @Test
  void cyclesOfIncludesAndImportsAreReadOnce() throws IOException {
    SoapOperations soap =
        connect(
            "a.xsd",
            """
            <xs:schema %s xmlns:a="urn:a" xmlns:b="urn:b" targetNamespace="urn:a">
              <xs:include schemaLocation="sub/a2.xsd"/>
              <xs:import namespace="urn:b" schemaLocation="b.xsd"/>
              <xs:element name="Root" type="a:T"/>
            </xs:schema>
            """
                .formatted(XS),
            "sub/a2.xsd",
            """
            <xs:schema %s xmlns:a="urn:a" xmlns:b="urn:b" targetNamespace="urn:a">
              <xs:include schemaLocation="../a.xsd"/>
              <xs:complexType name="T"><xs:sequence>
                <xs:element name="b" type="b:U"/>
              </xs:sequence></xs:complexType>
            </xs:schema>
            """
                .formatted(XS),
            "b.xsd",
            """
            <xs:schema %s xmlns:a="urn:a" xmlns:b="urn:b" targetNamespace="urn:b">
              <xs:import namespace="urn:a" schemaLocation="a.xsd"/>
              <xs:complexType name="U"><xs:sequence>
                <xs:element name="n" type="xs:double"/>
              </xs:sequence></xs:complexType>
            </xs:schema>
            """
                .formatted(XS));

    assertThat(soap.xmlToJson("Op", "<a:Root xmlns:a=\"urn:a\"><b><n>2.5</n></b></a:Root>"))
        .isEqualTo(map("b", map("n", 2.5)));
  }
}
