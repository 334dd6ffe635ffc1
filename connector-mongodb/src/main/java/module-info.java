/** The MongoDB connector; reached only through its {@code ConnectorFactory}. */
module io.connectorkit.connector.mongodb {
  requires io.connectorkit.core;
  requires org.mongodb.driver.sync.client;
  requires org.mongodb.driver.core;
  requires org.mongodb.bson;
  requires org.slf4j;

  provides io.connectorkit.core.spi.ConnectorFactory with
      io.connectorkit.connector.mongodb.MongoConnectorFactory;
}
