package io.connectorkit.connector.memory;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;

/**
 * Builds the {@code memory} connector: an in-process store with the whole contract (CONTRACT
 * C3–C9).
 *
 * <p>Settings: {@code "file"} (optional): a JSON file in LoopBack's memory-connector format that is
 * loaded on connect and rewritten, atomically, after every committed change. Without it the data
 * lives only as long as the connector.
 */
public final class MemoryConnectorFactory implements ConnectorFactory {
  /** {@code "memory"}. */
  @Override
  public String name() {
    return MemoryConnector.NAME;
  }

  /**
   * @param settings never null
   * @throws io.connectorkit.core.common.ConnectorException CONFIGURATION_INVALID when {@code
   *     "file"} is not a string or not a path
   */
  @Override
  public Connector initialize(Settings settings) {
    requireNonNull(settings, "settings is null");
    return new MemoryConnector(settings, MemorySettings.from(settings));
  }
}
