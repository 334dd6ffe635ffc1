package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.spi.Settings;
import java.util.Map;
import java.util.Properties;

/**
 * LoopBack's {@code ssl} datasource setting as JDBC driver properties, the same way for every SQL
 * driver: {@code true} requires TLS; an object requires it, verifies the server unless {@code
 * rejectUnauthorized} is false, and passes its other keys to the driver; the driver's own mode
 * setting wins.
 */
public final class SslProperties {
  private SslProperties() {}

  /**
   * Sets the driver's SSL properties from {@code settings}.
   *
   * @param settings never null
   * @param properties the driver properties to add to, never null
   * @param modeKey the driver's mode property ({@code sslMode}, {@code sslmode}), never null
   * @param verified the mode that verifies the server, never null
   * @param required the mode that only requires TLS, never null
   */
  public static void apply(
      Settings settings, Properties properties, String modeKey, String verified, String required) {
    requireNonNull(settings, "settings is null");
    requireNonNull(properties, "properties is null");
    Object ssl = settings.get("ssl");
    if (ssl instanceof Map<?, ?> options) {
      Object reject = options.get("rejectUnauthorized");
      properties.setProperty(modeKey, Boolean.FALSE.equals(reject) ? required : verified);
      options.forEach(
          (k, v) -> {
            if (!"rejectUnauthorized".equals(k) && v != null) {
              properties.setProperty(String.valueOf(k), String.valueOf(v));
            }
          });
    } else if (Boolean.TRUE.equals(ssl) || "true".equals(ssl)) {
      properties.setProperty(modeKey, required);
    }
    settings.string(modeKey).ifPresent(mode -> properties.setProperty(modeKey, mode));
  }
}
