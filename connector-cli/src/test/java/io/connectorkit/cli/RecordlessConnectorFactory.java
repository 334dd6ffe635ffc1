package io.connectorkit.cli;

import io.connectorkit.core.common.Feature;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import java.util.Set;

/**
 * A connector that declares {@link Feature#CRUD} but leaves every record method at the SPI's
 * refusal: the TCK must fail it.
 */
public final class RecordlessConnectorFactory implements ConnectorFactory {
  @Override
  public String name() {
    return "recordless";
  }

  @Override
  public Connector initialize(Settings settings) {
    return new Connector("recordless", settings) {
      @Override
      public Set<Feature> features() {
        return Set.of(Feature.CRUD);
      }
    };
  }
}
