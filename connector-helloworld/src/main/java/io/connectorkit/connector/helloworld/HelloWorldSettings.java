package io.connectorkit.connector.helloworld;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.spi.Settings;

/**
 * The datasource settings of the {@code helloworld} connector, read once by its factory: a bad
 * datasource fails when it is created (C1.1), and the connector never reads a setting itself.
 *
 * @param username the backend account (setting {@code username}, required)
 * @param password its password (setting {@code password}, required): never printed
 */
// tutorial:settings
record HelloWorldSettings(String username, String password) {
  HelloWorldSettings {
    requireNonNull(username, "username is null");
    requireNonNull(password, "password is null");
  }

  /**
   * Reads the settings.
   *
   * @throws io.connectorkit.core.common.ConnectorException CONFIGURATION_INVALID naming a missing
   *     or non-string key
   */
  static HelloWorldSettings from(Settings settings) {
    return new HelloWorldSettings(
        settings.requiredString("username"), settings.requiredString("password"));
  }

  /** The settings with the password masked: a record's own toString() would print it. */
  @Override
  public String toString() {
    return "HelloWorldSettings[username=" + username + ", password=***]";
  }
}
// end:settings
