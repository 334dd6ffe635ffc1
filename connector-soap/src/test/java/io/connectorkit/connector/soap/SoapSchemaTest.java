package io.connectorkit.connector.soap;

import static io.connectorkit.connector.soap.SoapInvokeTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Connector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XSD features through the conversion helpers, from a WSDL file with an imported schema that
 * includes a chameleon schema: extension, attributes, nil, simple content, refs, choice.
 */
class SoapSchemaTest {
  @TempDir Path dir;
  private DataSource db;
  private SoapOperations soap;

  @BeforeEach
  void writeWsdl() throws Exception {
    Files.writeString(
        dir.resolve("service.wsdl"),
        """
        <definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
            xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
            xmlns:tns="urn:shop" xmlns:s="urn:shop:types"
            xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:shop">
          <types>
            <xs:schema targetNamespace="urn:shop:wrap">
              <xs:import namespace="urn:shop:types" schemaLocation="types/shop.xsd"/>
            </xs:schema>
          </types>
          <message name="In"><part name="body" element="s:Order"/></message>
          <message name="Out"><part name="body" element="s:Receipt"/></message>
          <portType name="Shop">
            <operation name="Place"><input message="tns:In"/><output message="tns:Out"/></operation>
          </portType>
          <binding name="ShopSoap" type="tns:Shop">
            <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
            <operation name="Place">
              <soap:operation soapAction="urn:Place"/>
              <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
            </operation>
          </binding>
          <service name="ShopService">
            <port name="ShopSoap" binding="tns:ShopSoap">
              <soap:address location="http://127.0.0.1:9/shop"/>
            </port>
          </service>
        </definitions>
        """);
    Files.createDirectories(dir.resolve("types"));
    Files.writeString(
        dir.resolve("types/shop.xsd"),
        """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:s="urn:shop:types"
            targetNamespace="urn:shop:types" elementFormDefault="qualified">
          <xs:include schemaLocation="common.xsd"/>
          <xs:element name="Order">
            <xs:complexType>
              <xs:complexContent>
                <xs:extension base="s:Base">
                  <xs:sequence>
                    <xs:element name="line" type="s:Line" maxOccurs="unbounded"/>
                    <xs:element name="note" type="xs:string" nillable="true" minOccurs="0"/>
                    <xs:choice>
                      <xs:element name="card" type="xs:string"/>
                      <xs:element name="cash" type="xs:boolean"/>
                    </xs:choice>
                  </xs:sequence>
                  <xs:attribute name="priority" type="xs:int"/>
                </xs:extension>
              </xs:complexContent>
            </xs:complexType>
          </xs:element>
          <xs:element name="Receipt">
            <xs:complexType>
              <xs:sequence>
                <xs:element ref="s:total"/>
                <xs:element name="placed" type="xs:dateTime"/>
                <xs:element name="code" type="s:Code" minOccurs="0" maxOccurs="unbounded"/>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
          <xs:element name="total" type="s:Money"/>
        </xs:schema>
        """);
    Files.writeString(
        dir.resolve("types/common.xsd"),
        """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:s="urn:shop:types"
            elementFormDefault="qualified">
          <xs:complexType name="Base">
            <xs:sequence><xs:element name="id" type="xs:long"/></xs:sequence>
          </xs:complexType>
          <xs:complexType name="Line">
            <xs:sequence>
              <xs:element name="sku" type="xs:string"/>
              <xs:element name="qty" type="s:Quantity"/>
            </xs:sequence>
          </xs:complexType>
          <xs:simpleType name="Quantity">
            <xs:restriction base="xs:positiveInteger"><xs:maxInclusive value="99"/></xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Code">
            <xs:restriction base="xs:int"/>
          </xs:simpleType>
          <xs:complexType name="Money">
            <xs:simpleContent>
              <xs:extension base="xs:decimal">
                <xs:attribute name="currency" type="xs:string"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>
        </xs:schema>
        """);
    db =
        DataSources.create(
            "shop", map("connector", "soap", "wsdl", dir.resolve("service.wsdl").toString()));
    soap = (SoapOperations) db.unwrap(Connector.class);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void extensionBaseElementsComeFirstThenTheOwnInSchemaOrder() {
    String xml =
        soap.jsonToXml(
            "Place",
            map(
                "cash",
                true,
                "note",
                null,
                "line",
                List.of(map("qty", 2, "sku", "A"), map("sku", "B", "qty", "3")),
                "id",
                7,
                "$attributes",
                map("priority", 1)));

    assertThat(xml)
        .isEqualTo(
            "<ns1:Order xmlns:ns1=\"urn:shop:types\" priority=\"1\"><ns1:id>7</ns1:id>"
                + "<ns1:line><ns1:sku>A</ns1:sku><ns1:qty>2</ns1:qty></ns1:line>"
                + "<ns1:line><ns1:sku>B</ns1:sku><ns1:qty>3</ns1:qty></ns1:line>"
                + "<ns1:note xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:nil=\"true\"/><ns1:cash>true</ns1:cash></ns1:Order>");
  }

  @Test
  void aRestrictedSimpleTypeIsCheckedAsItsBase() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                soap.jsonToXml(
                    "Place", map("id", 1, "line", map("sku", "A", "qty", 1.5), "cash", true)));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("Place.line.qty").contains("positiveInteger");
  }

  @Test
  void anArrayWhereOneElementIsAllowedIsAnInvalidArgument() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class, () -> soap.jsonToXml("Place", map("id", List.of(1, 2))));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("Place.id");
  }

  @Test
  void outputIsTypedThroughRefsSimpleContentAndRestrictions() {
    Object json =
        soap.xmlToJson(
            "Place",
            "<r:Receipt xmlns:r=\"urn:shop:types\"><r:total currency=\"EUR\">12.50</r:total>"
                + "<r:placed>2026-01-02T03:04:05.123Z</r:placed><r:code>7</r:code></r:Receipt>");

    assertThat(json)
        .isEqualTo(
            map(
                "total",
                map(
                    "$attributes",
                    map("currency", "EUR"),
                    "$value",
                    new java.math.BigDecimal("12.50")),
                "placed",
                "2026-01-02T03:04:05.123Z",
                "code",
                Arrays.asList(7L)));
  }

  @Test
  void aNilFirstItemOfARepeatedElementStaysNullInItsArray() {
    Object json =
        soap.xmlToJson(
            "Place",
            "<r:Receipt xmlns:r=\"urn:shop:types\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<r:code xsi:nil=\"true\"/><r:code>7</r:code></r:Receipt>");

    assertThat(json).isEqualTo(map("code", Arrays.asList(null, 7L)));
  }

  @Test
  void theMethodsComeFromTheFile() {
    assertThat(soap.methods()).containsExactly("Place");
    assertThat((Map<?, ?>) soap.xmlToJson("Place", "<r:Receipt xmlns:r=\"urn:shop:types\"/>"))
        .isEmpty();
  }
}
