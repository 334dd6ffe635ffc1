/** The REST connector; reached only through its {@code ConnectorFactory}. */
module io.connectorkit.connector.rest {
  requires io.connectorkit.core;
  requires okhttp3;
  requires json.path;
  requires org.slf4j;

  provides io.connectorkit.core.spi.ConnectorFactory with
      io.connectorkit.connector.rest.RestConnectorFactory;
}
