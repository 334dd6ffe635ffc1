package io.connectorkit.core.spi;

import io.connectorkit.core.ConnectorRegistry;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.util.Set;

/**
 * Builds connectors of one kind (LoopBack's {@code exports.initialize}). Registered through {@code
 * META-INF/services/io.connectorkit.core.spi.ConnectorFactory} or {@link
 * ConnectorRegistry#register(ConnectorFactory)}.
 */
public interface ConnectorFactory {
  /** The name a datasource's {@code "connector"} setting uses, e.g. {@code "memory"}. */
  String name();

  /**
   * Builds an unconnected connector from validated settings.
   *
   * @param settings never null
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} naming the bad key
   */
  Connector initialize(Settings settings);

  /** Setting keys that hold secrets beyond the contract's naming rule; never null. */
  default Set<String> secretSettings() {
    return Set.of();
  }
}
