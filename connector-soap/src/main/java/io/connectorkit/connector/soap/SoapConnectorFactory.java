package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import java.util.Set;

/**
 * Builds the {@code soap} connector: every operation of a WSDL as a JSON-in, JSON-out method
 * (feature OPERATIONS), over JAX-WS. The module README lists the settings.
 */
public final class SoapConnectorFactory implements ConnectorFactory {
  /** {@code "soap"}. */
  @Override
  public String name() {
    return SoapConnector.NAME;
  }

  /**
   * @param settings never null
   * @throws io.connectorkit.core.common.ConnectorException CONFIGURATION_INVALID naming a bad
   *     setting
   */
  @Override
  public Connector initialize(Settings settings) {
    requireNonNull(settings, "settings is null");
    return new SoapConnector(settings, SoapConfig.from(settings));
  }

  /** Authorization and cookie headers (in {@code wsdlHeaders} and {@code httpHeaders}). */
  @Override
  public Set<String> secretSettings() {
    return Set.of("Authorization", "authorization", "Cookie", "cookie");
  }
}
