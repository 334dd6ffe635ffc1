/** The in-process memory connector; reached only through its {@code ConnectorFactory}. */
module io.connectorkit.connector.memory {
  requires io.connectorkit.core;
  requires org.slf4j;

  provides io.connectorkit.core.spi.ConnectorFactory with
      io.connectorkit.connector.memory.MemoryConnectorFactory;
}
