/** The reference connector for authors; reached only through its {@code ConnectorFactory}. */
module io.connectorkit.connector.helloworld {
  requires io.connectorkit.core;

  provides io.connectorkit.core.spi.ConnectorFactory with
      io.connectorkit.connector.helloworld.HelloWorldConnectorFactory;
}
