package io.connectorkit.opentelemetry;

import io.connectorkit.core.spi.Settings;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a datasource's backend is, from its settings: host, port and database, from {@code host},
 * {@code port}, {@code database} or else the {@code url} or {@code baseURL}. Never the user or the
 * password.
 *
 * @param host null when the settings name none
 * @param port -1 when the settings name none
 * @param database null when the settings name none
 */
record Endpoint(@Nullable String host, int port, @Nullable String database) {
  static Endpoint of(Settings settings) {
    String host = settings.string("host").orElse(null);
    int port = settings.number("port").map(Long::intValue).orElse(-1);
    String database = settings.string("database").orElse(null);
    String url = settings.string("url").or(() -> settings.string("baseURL")).orElse(null);
    if (url != null) {
      try {
        URI uri = URI.create(url);
        host = host != null ? host : uri.getHost();
        port = port > 0 ? port : uri.getPort();
        String path = uri.getPath();
        if (database == null && path != null && path.length() > 1 && !url.startsWith("http")) {
          database = path.substring(1);
        }
      } catch (IllegalArgumentException e) {
        // A URL the connector itself rejects; the span simply lacks the server attributes.
      }
    }
    return new Endpoint(host, port, database);
  }

  /** The semantic conventions' {@code db.system} for a connector's name. */
  static String system(String connector) {
    return switch (connector.toLowerCase(Locale.ROOT)) {
      case "mysql" -> "mysql";
      case "postgresql", "postgres" -> "postgresql";
      case "mongodb" -> "mongodb";
      default -> connector;
    };
  }
}
