/**
 * The connector TCK. Its extension points are {@code ConnectorTck} (extended by a connector's test
 * class) and {@code TckRunner} (runs the TCK programmatically, as the CLI does).
 */
module io.connectorkit.tck {
  requires transitive io.connectorkit.core;
  requires transitive org.junit.jupiter.api;
  requires org.junit.jupiter.params;
  requires org.junit.platform.launcher;
  requires transitive org.assertj.core;
  requires org.slf4j;

  exports io.connectorkit.tck;

  opens io.connectorkit.tck to
      org.junit.platform.commons;
}
