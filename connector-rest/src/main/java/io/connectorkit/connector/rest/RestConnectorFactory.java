package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import java.util.Set;

/**
 * Builds the {@code rest} connector: LoopBack-style REST resources (CRUD mode, dialects {@code lb4}
 * and {@code lb3}) and request templates over okhttp. The module README lists the settings.
 */
public final class RestConnectorFactory implements ConnectorFactory {
  /** {@code "rest"}. */
  @Override
  public String name() {
    return RestConnector.NAME;
  }

  /**
   * @param settings never null
   * @throws io.connectorkit.core.common.ConnectorException CONFIGURATION_INVALID naming a bad
   *     setting
   */
  @Override
  public Connector initialize(Settings settings) {
    requireNonNull(settings, "settings is null");
    // Every setting is read here, once: a bad one fails the datasource's creation (C1.1).
    return new RestConnector(
        settings, RestConfig.from(settings), RestOperations.parse(settings.get("operations")));
  }

  /** The bearer token and configured authorization headers, beyond the contract's naming rule. */
  @Override
  public Set<String> secretSettings() {
    return Set.of("bearer", "Authorization", "authorization", "Cookie", "cookie");
  }
}
