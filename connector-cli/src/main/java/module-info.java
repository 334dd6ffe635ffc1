/** The {@code connectorkit} command line: tck, exec, shell, discover, ping. */
module io.connectorkit.cli {
  requires io.connectorkit.core;
  requires io.connectorkit.tck;
  requires io.connectorkit.codegen;
  requires org.jline;
  requires info.picocli;
  requires org.slf4j;

  opens io.connectorkit.cli to
      info.picocli;

  uses io.connectorkit.core.spi.ConnectorFactory;
}
