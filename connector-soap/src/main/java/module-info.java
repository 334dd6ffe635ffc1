/**
 * The SOAP connector. Its package is exported for {@code SoapOperations}, reached with {@code
 * dataSource.unwrap(SoapOperations.class)}.
 */
module io.connectorkit.connector.soap {
  requires io.connectorkit.core;
  requires jakarta.xml.ws;
  requires jakarta.xml.soap;
  requires java.net.http;
  requires java.xml;
  requires org.slf4j;

  exports io.connectorkit.connector.soap;

  provides io.connectorkit.core.spi.ConnectorFactory with
      io.connectorkit.connector.soap.SoapConnectorFactory;
}
