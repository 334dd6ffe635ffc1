package io.connectorkit.connector.helloworld;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;

/**
 * Builds the {@code helloworld} connector, the reference connector of the tutorial in this module's
 * README: the smallest complete connector, over a stand-in remote system.
 *
 * <p>Settings: {@code "username"} and {@code "password"} (both required), the credentials of an
 * account of the backend. The stand-in backend has one account, {@code demo} / {@code s3cret}.
 */
// tutorial:factory
public final class HelloWorldConnectorFactory implements ConnectorFactory {
  /** {@code "helloworld"}: what a datasource's {@code "connector"} setting names. */
  @Override
  public String name() {
    return HelloWorldConnector.NAME;
  }

  /**
   * Builds an unconnected connector; it logs in when it connects.
   *
   * @param settings never null
   * @throws io.connectorkit.core.common.ConnectorException CONFIGURATION_INVALID when {@code
   *     username} or {@code password} is missing or not a string
   */
  @Override
  public Connector initialize(Settings settings) {
    requireNonNull(settings, "settings is null");
    // A real connector would build its HTTP client or driver here; ours gets a fresh stand-in.
    return new HelloWorldConnector(
        settings, HelloWorldSettings.from(settings), HelloWorldBackend.seeded());
  }
}
// end:factory
